import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import request from 'supertest';
import { ConfigReader } from '@backstage/config';
import { createBackend } from '@backstage/backend-defaults';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import proxyPlugin from '@backstage/plugin-proxy-backend';
import { homelabRootHttpRouter } from './rootHttpRouter';
import { compilePathTemplate } from './proxyAllowList';
import { hostnameOf, readAllowedHosts } from './hostCheck';

const repoRoot = path.resolve(__dirname, '../../../..');
const readYaml = (file: string) =>
  parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

/** A stand-in for ArgoCD's API that records every request it receives. */
async function recordingUpstream() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('content-type', 'application/json');
    res.end('{"metadata":{"name":"x"}}');
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return { seen, server, url: `http://127.0.0.1:${port}/api/v1/` };
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/** The shipped production config's proxy and allow-list, aimed at `target`. */
function productionProxyConfig(target: string, port: number) {
  const production = readYaml('app-config.production.yaml');
  const endpoint = production.proxy.endpoints['/argocd/api'];
  return {
    backend: {
      baseUrl: 'http://portal.lab.local',
      listen: { host: '127.0.0.1', port },
    },
    app: { baseUrl: 'http://portal.lab.local' },
    homelab: { security: production.homelab.security },
    proxy: {
      endpoints: {
        '/argocd/api': {
          ...endpoint,
          target,
          headers: { Authorization: 'Bearer argocd-secret' },
        },
      },
    },
  };
}

describe('the ArgoCD proxy, as production configures it', () => {
  let upstream: Awaited<ReturnType<typeof recordingUpstream>>;
  let backend: ReturnType<typeof createBackend>;
  let base: string;
  const user = mockCredentials.user.header();

  beforeAll(async () => {
    upstream = await recordingUpstream();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The real root HTTP router (startTestBackend brings its own) and the
    // real proxy plugin; only credentials are mocked.
    backend = createBackend();
    backend.add(homelabRootHttpRouter);
    backend.add(proxyPlugin);
    backend.add(mockServices.auth.factory());
    // A request without a token is no one (the mock's default is a user).
    backend.add(
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    );
    backend.add(mockServices.rootLogger.factory());
    backend.add(
      mockServices.rootConfig.factory({
        data: productionProxyConfig(upstream.url, port),
      }),
    );
    await backend.start();
  });
  afterAll(async () => {
    await backend?.stop();
    upstream?.server.close();
  });
  beforeEach(() => {
    upstream.seen.length = 0;
  });

  it.each([
    ['/applications/jellyfin', 'GET /api/v1/applications/jellyfin'],
    [
      '/applications/jellyfin?appNamespace=argocd',
      'GET /api/v1/applications/jellyfin?appNamespace=argocd',
    ],
    [
      '/applications/jellyfin/revisions/0a1b2c3d/metadata',
      'GET /api/v1/applications/jellyfin/revisions/0a1b2c3d/metadata',
    ],
  ])('forwards what the ArgoCD cards read: %s', async (sub, forwarded) => {
    const res = await request(base)
      .get(`/api/proxy/argocd/api${sub}`)
      .set('authorization', user)
      .set('host', 'portal.lab.local');
    expect(res.status).toBe(200);
    expect(upstream.seen).toEqual([forwarded]);
  });

  it.each([
    '/settings',
    '/repositories',
    '/clusters',
    '/applications',
    '/applications?selector=x',
    '/applications/jellyfin/logs',
    '/applications/jellyfin/resource-tree',
    '/applications/jellyfin/manifests',
    '/applications/../settings',
    '/applications/..%2fsettings',
    '/applications/%2e%2e/settings',
    '/applications/jellyfin%2f..%2f..%2fsettings',
    '/applications/jellyfin?appNamespace=argocd&fields=x',
    '/Applications/jellyfin',
    '//applications/jellyfin',
    '/applications/jellyfin/revisions/HEAD/metadata/../../../../settings',
  ])('refuses %s before it leaves the backend', async sub => {
    const res = await request(base)
      .get(`/api/proxy/argocd/api${sub}`)
      .set('authorization', user)
      .set('host', 'portal.lab.local');
    expect([403, 404]).toContain(res.status);
    expect(upstream.seen).toEqual([]);
  });

  it('refuses other methods and other endpoints', async () => {
    for (const [method, url] of [
      ['post', '/api/proxy/argocd/api/applications/jellyfin/sync'],
      ['delete', '/api/proxy/argocd/api/applications/jellyfin'],
      ['get', '/api/proxy/ARGOCD/api/settings'],
      ['get', '/api/PROXY/argocd/api/settings'],
      ['get', '/api/proxy/other/anything'],
    ] as const) {
      const res = await request(base)
        [method](url)
        .set('authorization', user)
        .set('host', 'portal.lab.local');
      expect([403, 404, 405]).toContain(res.status);
    }
    expect(upstream.seen).toEqual([]);
  });

  it('still needs a signed-in user for allowed paths', async () => {
    const res = await request(base)
      .get('/api/proxy/argocd/api/applications/jellyfin')
      .set('host', 'portal.lab.local');
    expect(res.status).toBe(401);
    expect(upstream.seen).toEqual([]);
  });

  it('refuses a host name that is not the portal (DNS rebinding)', async () => {
    for (const host of [
      'evil.example',
      'evil.example:7007',
      'portal.lab.local.evil.example',
      'evil.example@portal.lab.local',
      '',
    ]) {
      const res = await request(base)
        .get('/api/proxy/argocd/api/applications/jellyfin')
        .set('authorization', user)
        .set('host', host);
      expect(res.status).toBe(421);
    }
    expect(upstream.seen).toEqual([]);
    // Liveness probes come by IP address, which rebinding cannot forge.
    const live = await request(base)
      .get('/.backstage/health/v1/liveness')
      .set('host', '10.42.0.17:7007');
    expect(live.status).toBe(200);
  });
});

describe('the local start', () => {
  const local = readYaml('app-config.yaml');

  it('listens on the loopback interface only', () => {
    expect(local.backend.listen.host).toBe('127.0.0.1');
    expect(local.app.listen.host).toBe('127.0.0.1');
  });

  it('answers to localhost and IP addresses, not to other names', () => {
    const allowed = readAllowedHosts(new ConfigReader(local));
    expect([...allowed].sort()).toEqual(['localhost']);
  });
});

describe('host and path parsing', () => {
  it('reads a Host header as a host name, refusing smuggled parts', () => {
    expect(hostnameOf('Portal.Lab.Local:443')).toBe('portal.lab.local');
    expect(hostnameOf('[::1]:7007')).toBe('[::1]');
    expect(hostnameOf('a@portal.lab.local')).toBeUndefined();
    expect(hostnameOf('portal.lab.local/x')).toBeUndefined();
    expect(hostnameOf(undefined)).toBeUndefined();
  });

  it('compiles a template to one safe segment per placeholder', () => {
    const re = compilePathTemplate('/applications/{name}');
    expect(re.test('/applications/grafana')).toBe(true);
    expect(re.test('/applications/..')).toBe(false);
    expect(re.test('/applications/a/b')).toBe(false);
    expect(re.test('/applications/%2e%2e')).toBe(false);
    expect(() => compilePathTemplate('applications')).toThrow(/start with/);
  });
});

describe('what the Kubernetes plugin lets every signed-in user read', () => {
  const rbac = fs
    .readFileSync(path.join(repoRoot, 'deploy/rbac.yaml'), 'utf8')
    .split(/^---$/m)
    .map(doc => parse(doc))
    .filter(Boolean);

  it("grants the portal's service account no configmaps and no secrets", () => {
    const rules = rbac
      .filter((doc: any) => /Role$/.test(doc.kind))
      .flatMap((doc: any) => doc.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      if (!rule.apiGroups.includes('')) continue;
      expect(rule.resources).not.toContain('configmaps');
      expect(rule.resources).not.toContain('secrets');
      expect(rule.resources).not.toContain('*');
    }
  });

  it.each(['app-config.yaml', 'app-config.production.yaml'])(
    '%s fetches no configmaps for the Kubernetes tab',
    file => {
      const types: string[] = readYaml(file).kubernetes.objectTypes;
      expect(types).toContain('pods');
      expect(types).not.toContain('configmaps');
    },
  );
});
