import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FIXTURES_DIR } from '@homelab-portal/test-utils/fixtures';
import {
  FakeKubeApi,
  FakeVault,
  seedCatalog,
} from '@homelab-portal/test-utils';
import express from 'express';
import request from 'supertest';
import { homelabPlugin } from './plugin';

const user = mockCredentials.user.header();
const GITOPS = resolvePackagePath(
  '@homelab-portal/plugin-homelab-backend',
  '../../../gitops',
);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** The repository's GitOps tree, copied, with `edit` applied to zones.yml. */
function gitopsCopy(edit: (zones: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'homelab-gitops-'));
  cpSync(GITOPS, dir, { recursive: true });
  const zones = join(dir, 'platform/dns/gozones/zones.yml');
  writeFileSync(zones, edit(readFileSync(zones, 'utf8')));
  return dir;
}

/** A Kratix backend that knows one exposed-service request. */
const fakeKratix = (items: object[]) =>
  createBackendPlugin({
    pluginId: 'kratix',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          const router = express.Router();
          router.get('/requests', (req, res) => {
            res.json({
              items: items.filter(
                i => (i as any).promise === req.query.promise,
              ),
            });
          });
          httpRouter.use(router);
        },
      });
    },
  });

async function startBackend(options: {
  config?: object;
  entities?: Entity[];
  kratix?: object[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  const { server } = await startTestBackend({
    features: [
      homelabPlugin,
      ...(options.kratix ? [fakeKratix(options.kratix)] : []),
      catalogServiceMock.factory({
        entities: options.entities ?? seedCatalog(),
      }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
    ],
  });
  return server;
}

/** A server that answers every request with `handler` (a broken Vault). */
async function vaultStandIn(
  handler: (res: import('node:http').ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => handler(res));
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

describe('homelab backend plugin', () => {
  describe('GET /dns', () => {
    const kube = new FakeKubeApi([], 'kube-token');
    let kubeUrl: string;
    beforeAll(async () => {
      // an Ingress for photos.lab.local, which has no record in Git
      kube.put({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: 'photos',
          namespace: 'photos',
          labels: { 'backstage.io/kubernetes-id': 'photos' },
        },
        spec: {
          rules: [
            {
              host: 'photos.lab.local',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: {
                      service: { name: 'photos', port: { number: 80 } },
                    },
                  },
                ],
              },
            },
          ],
        },
      });
      kubeUrl = await kube.start();
    });
    afterAll(() => kube.stop());

    it('catches the planted problems: a link with no record, a record for nothing, two services on one name, from links, Ingresses and requests', async () => {
      const dir = gitopsCopy(zones =>
        zones
          // the minio record is gone: minio's link has no record
          .replace(
            /\n {8}- name: minio\n {10}ttl: 3600\n {10}value: ingress.lab.local/,
            '',
          )
          // a record nothing uses
          .replace(
            '      CNAME:\n',
            '      CNAME:\n        - name: old-wiki\n          ttl: 3600\n          value: ingress.lab.local\n',
          ),
      );
      expect(
        readFileSync(join(dir, 'platform/dns/gozones/zones.yml'), 'utf8'),
      ).not.toContain('name: minio');
      const entities = seedCatalog().map(e =>
        e.metadata.name === 'kiwix'
          ? {
              ...e,
              metadata: {
                ...e.metadata,
                links: [
                  { url: 'https://jellyfin.lab.local/wiki', title: 'Kiwix' },
                ],
              },
            }
          : e,
      );
      const server = await startBackend({
        entities,
        config: {
          homelab: { dns: { gitopsDir: dir } },
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'homelab',
                    url: kubeUrl,
                    serviceAccountToken: kube.token,
                  },
                ],
              },
            ],
          },
        },
        kratix: [
          {
            id: 'r1',
            promise: 'exposed-service',
            name: 'wiki',
            namespace: 'default',
            state: 'ready',
            parameters: {
              hostname: 'git.lab.local',
              serviceName: 'wiki',
              servicePort: 80,
            },
          },
        ],
      });
      const res = await request(server)
        .get('/api/homelab/dns')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('live');
      expect(res.body.location).toBe(dir);
      expect(res.body.warnings).toEqual([]);
      const problems = res.body.problems.map((p: any) => [
        p.kind,
        p.name,
        ...(p.entityRefs ??
          p.uses?.map((u: any) => `${u.entityRef} (${u.via})`) ??
          []),
      ]);
      expect(problems).toEqual(
        expect.arrayContaining([
          ['no-record', 'minio.lab.local', 'component:default/minio (link)'],
          ['record-for-nothing', 'old-wiki.lab.local'],
          ['record-for-nothing', 'kiwix.lab.local'],
          [
            'shared-name',
            'jellyfin.lab.local',
            'component:default/jellyfin',
            'component:default/kiwix',
          ],
          [
            'no-record',
            'photos.lab.local',
            'ingress homelab/photos/photos (ingress)',
          ],
          [
            'shared-name',
            'git.lab.local',
            'component:default/gitea',
            'request default/wiki',
          ],
        ]),
      );
      expect(problems).toHaveLength(6);
      // each name: its records, the server that answers it, who uses it
      const git = res.body.names.find((n: any) => n.name === 'git.lab.local');
      expect(git).toMatchObject({
        server: '10.0.20.53',
        role: 'authoritative',
        records: [{ type: 'CNAME', value: 'ingress.lab.local' }],
      });
      expect(git.uses.map((u: any) => u.via).sort()).toEqual([
        'link',
        'promise',
      ]);
      expect(res.body.upstreams).toEqual(['1.1.1.1', '1.0.0.1']);
    });

    it('reads the repository’s example tree when nothing is configured, labelled demo, and finds nothing wrong with the seed', async () => {
      const server = await startBackend({});
      const res = await request(server)
        .get('/api/homelab/dns')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('demo');
      expect(res.body.problems).toEqual([]);
      expect(res.body.names.map((n: any) => n.name)).toEqual(
        expect.arrayContaining([
          'git.lab.local',
          'registry.lab.local',
          'sff-1.lab.local',
        ]),
      );
    });

    it('answers a malformed zones.yml with a 503 that names the file and the record, not a crash', async () => {
      const dir = gitopsCopy(zones =>
        zones.replace('value: 10.0.20.12', 'value: 10.0.20.312'),
      );
      const server = await startBackend({
        config: { homelab: { dns: { gitopsDir: dir } } },
      });
      const res = await request(server)
        .get('/api/homelab/dns')
        .set('Authorization', user);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toBe(
        `${dir}/platform/dns/gozones/zones.yml: lab.local A record 6 (sff-2) has an invalid value`,
      );
      const missing = await startBackend({
        config: { homelab: { dns: { gitopsDir: join(dir, 'nope') } } },
      });
      const gone = await request(missing)
        .get('/api/homelab/dns')
        .set('Authorization', user);
      expect(gone.status).toBe(503);
      expect(gone.body.error.message).toMatch(
        /^DNS: cannot read .*nope\/platform\/dns\/gozones\/zones.yml \(ENOENT\)$/,
      );
    });

    it('reports a cluster it cannot read as a warning, and still answers', async () => {
      const server = await startBackend({
        config: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'homelab',
                    url: kubeUrl,
                    serviceAccountToken: 'wrong',
                  },
                ],
              },
            ],
          },
        },
      });
      const res = await request(server)
        .get('/api/homelab/dns')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.warnings).toEqual([
        expect.stringMatching(
          /^Ingresses of homelab not read: Kubernetes \(homelab\) answered HTTP 401/,
        ),
      ]);
      expect(JSON.stringify(res.body)).not.toContain('wrong');
    });
  });

  describe('GET /secrets', () => {
    const vault = new FakeVault(join(FIXTURES_DIR, 'vault/openapi.json'));
    let vaultUrl: string;
    beforeAll(async () => {
      vault.mountKv('secret');
      const put = (
        path: string,
        customMetadata: Record<string, string>,
        versions: string[],
      ) => vault.putSecret('secret', path, { customMetadata, versions });
      put('homelab/gitea/api-token', { type: 'api-key', service: 'gitea' }, [
        ago(90 * DAY),
        ago(30 * DAY),
      ]);
      // planted: a database password three hours old (policy: 1 h)
      put(
        'homelab/gitea/db-password',
        { type: 'db-password', service: 'gitea' },
        [ago(3 * HOUR)],
      );
      put('homelab/minio/tls', { type: 'tls-cert', service: 'minio' }, [
        ago(10 * DAY),
      ]);
      // planted: a type the seed's table has no policy for
      put(
        'homelab/keycloak/oauth-client',
        { type: 'oauth-client', service: 'keycloak' },
        [ago(5 * DAY)],
      );
      vaultUrl = await vault.start();
    });
    afterAll(() => vault.stop());

    it('lists each service’s secrets from Vault’s metadata, flags the overdue one and the one with no policy, and never reads a value', async () => {
      vault.requests.length = 0;
      const server = await startBackend({
        config: {
          homelab: { vault: { baseUrl: vaultUrl, token: vault.token } },
        },
      });
      const res = await request(server)
        .get('/api/homelab/secrets')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        source: 'live',
        mounts: ['secret'],
        overdue: 1,
        noPolicy: 1,
      });
      expect(
        res.body.secrets.map((s: any) => [
          s.service,
          s.path,
          s.type,
          s.version,
          s.ageDays,
          s.overdue,
        ]),
      ).toEqual([
        ['gitea', 'secret/homelab/gitea/api-token', 'api-key', 2, 30, false],
        [
          'gitea',
          'secret/homelab/gitea/db-password',
          'db-password',
          1,
          0,
          true,
        ],
        [
          'keycloak',
          'secret/homelab/keycloak/oauth-client',
          'unknown',
          1,
          5,
          false,
        ],
        ['minio', 'secret/homelab/minio/tls', 'tls-cert', 1, 10, false],
      ]);
      expect(res.body.secrets[1].reason).toBe(
        'Last rotated 3 h ago; the policy is automatic (1 h)',
      );
      expect(res.body.secrets[2]).toMatchObject({
        declaredType: 'oauth-client',
        reason: expect.stringContaining(
          'No rotation policy for its type "oauth-client"',
        ),
      });
      expect(vault.requests.length).toBeGreaterThan(4);
      expect(vault.requests.filter(r => r.includes('/data/'))).toEqual([]);
      expect(vault.unspecified).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain(vault.token);
    });

    it('serves the seed’s secrets as Vault metadata, labelled demo, when no Vault is configured', async () => {
      const server = await startBackend({});
      const res = await request(server)
        .get('/api/homelab/secrets')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('demo');
      expect(new Set(res.body.secrets.map((s: any) => s.type))).toEqual(
        new Set(['api-key', 'db-password', 'tls-cert', 'ssh-key']),
      );
      expect(
        res.body.secrets.filter((s: any) => s.overdue).map((s: any) => s.path),
      ).toEqual([
        'secret/homelab/grafana/admin-api-key',
        'secret/homelab/restic/ssh-key',
      ]);
    });

    it('answers Vault down, slow, out of shape or without a token with a 503 that says so', async () => {
      const check = async (vaultConfig: object, message: string | RegExp) => {
        const server = await startBackend({
          config: { homelab: { vault: vaultConfig } },
        });
        const res = await request(server)
          .get('/api/homelab/secrets')
          .set('Authorization', user);
        expect(res.status).toBe(503);
        expect(res.body.error.message).toMatch(message);
        expect(res.body.error.message).not.toContain('s.token-value');
      };
      const shape = await vaultStandIn(res =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: ['secret/'] })),
      );
      const slow = await vaultStandIn(() => {
        /* never answers */
      });
      const closed = await vaultStandIn(() => {});
      await new Promise(r => closed.server.close(r));
      try {
        await check(
          { baseUrl: shape.url, token: 's.token-value' },
          "Vault's answer for sys/mounts is not an object of mounts",
        );
        await check(
          { baseUrl: slow.url, token: 's.token-value', timeoutSeconds: 1 },
          'Vault did not answer sys/mounts within 1 s',
        );
        await check(
          { baseUrl: closed.url, token: 's.token-value' },
          'Vault cannot be reached (ECONNREFUSED)',
        );
        await check(
          { baseUrl: vaultUrl, token: 's.token-value' },
          'Vault answered 403 for sys/mounts: permission denied',
        );
        await check({ baseUrl: vaultUrl }, /homelab.vault.token is not/);
      } finally {
        shape.server.close();
        slow.server.closeAllConnections();
        slow.server.close();
      }
    });
  });

  it('asks for a signed-in caller and the read permissions', async () => {
    const server = await startBackend({});
    expect((await request(server).get('/api/homelab/secrets')).status).toBe(
      401,
    );
    expect((await request(server).get('/api/homelab/dns')).status).toBe(401);
    const denied = await startBackend({ permission: AuthorizeResult.DENY });
    const res = await request(denied)
      .get('/api/homelab/secrets')
      .set('Authorization', user);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not read the secrets inventory',
    );
    expect(
      (await request(denied).get('/api/homelab/dns').set('Authorization', user))
        .status,
    ).toBe(403);
  });
});
