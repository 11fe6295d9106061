import '@homelab-portal/test-utils/fixtures';
import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { KubernetesApi } from '@homelab-portal/plugin-homelab-node';
import {
  FakeGitea,
  FakeKubeApi,
  startFakeGitea,
} from '@homelab-portal/test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { KratixPromiseProvider } from './KratixPromiseProvider';
import {
  ClusterPromiseSource,
  DirectoryPromiseSource,
  UrlPromiseSource,
} from './sources';

// Its Git test clones from a fake Gitea: past Jest's 5 s on a busy machine.
jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '../../../../..');
const fixtures = path.resolve(repoRoot, '../shared/fixtures/kratix');
const marketplace = path.join(fixtures, 'marketplace');
const defaults = {
  owner: 'group:default/admins',
  system: 'platform-services',
  lifecycle: 'production',
  requestsPath: 'platform/requests',
  allowedHosts: ['git.lab.local'],
};

function recorder() {
  const mutations: any[] = [];
  return {
    mutations,
    connection: {
      applyMutation: async (m: any) => {
        mutations.push(m);
      },
      refresh: async () => {},
    },
    names: (i = mutations.length - 1) =>
      mutations[i].entities
        .map((e: any) => `${e.entity.kind}:${e.entity.metadata.name}`)
        .sort(),
  };
}

function copyMarketplace(names: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promises-'));
  for (const name of names) {
    fs.mkdirSync(path.join(dir, name));
    fs.copyFileSync(
      path.join(marketplace, name, 'promise.yaml'),
      path.join(dir, name, 'promise.yaml'),
    );
  }
  return dir;
}

describe('KratixPromiseProvider with a folder', () => {
  it("ingests the homelab's own Promises: an API entity each, and no generated template beside their hand-written ones", async () => {
    const rec = recorder();
    const provider = new KratixPromiseProvider({
      sources: [new DirectoryPromiseSource(path.join(repoRoot, 'promises'))],
      defaults,
      logger: mockServices.logger.mock(),
    });
    await provider.connect(rec.connection);
    expect(await provider.run()).toEqual({ written: true, entities: 5 });
    expect(rec.names()).toEqual(
      ['bucket', 'exposed-service', 'keycloak-client', 'postgresql', 'redis']
        .map(n => `API:${n}-promise`)
        .sort(),
    );
    // The API entity's definition is the Promise file, parsed the same.
    const api = rec.mutations[0].entities.find(
      (e: any) => e.entity.metadata.name === 'postgresql-promise',
    ).entity;
    expect(parse(api.spec.definition)).toEqual(
      parse(
        fs.readFileSync(
          path.join(repoRoot, 'promises/postgresql/promise.yaml'),
          'utf8',
        ),
      ),
    );
  });

  it('writes nothing on a run that finds nothing new, and follows updates and removals', async () => {
    const dir = copyMarketplace(['redis', 'kafka', 'cert-manager']);
    const rec = recorder();
    const logger = mockServices.logger.mock();
    const provider = new KratixPromiseProvider({
      sources: [new DirectoryPromiseSource(dir)],
      defaults,
      logger,
    });
    await provider.connect(rec.connection);
    await provider.run();
    expect(rec.names()).toEqual([
      'API:cert-manager-promise',
      'API:kafka-promise',
      'API:redis-promise',
      'Template:kratix-kafka',
      'Template:kratix-redis',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /cert-manager has no request template: .*no spec\.api/,
      ),
    );
    expect(await provider.run()).toEqual({ written: false, entities: 5 });
    expect(rec.mutations).toHaveLength(1);

    // An updated Promise regenerates its template.
    const file = path.join(dir, 'redis', 'promise.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(/default: small/, 'default: large'),
    );
    expect((await provider.run()).written).toBe(true);
    const template = rec.mutations[1].entities.find(
      (e: any) => e.entity.metadata.name === 'kratix-redis',
    ).entity;
    expect(
      template.spec.parameters[1].properties.spec.properties.size.default,
    ).toBe('large');
    // A removed Promise removes both of its entities (a full mutation without them).
    fs.rmSync(path.join(dir, 'kafka'), { recursive: true });
    await provider.run();
    expect(rec.names()).toEqual([
      'API:cert-manager-promise',
      'API:redis-promise',
      'Template:kratix-redis',
    ]);
    expect(rec.mutations[2].type).toBe('full');
  });

  it('keeps the entities when a source cannot be read, and skips a broken file', async () => {
    const dir = copyMarketplace(['redis']);
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.writeFileSync(
      path.join(dir, 'broken', 'promise.yaml'),
      'kind: Promise\n  bad: [',
    );
    const rec = recorder();
    const logger = mockServices.logger.mock();
    const provider = new KratixPromiseProvider({
      sources: [new DirectoryPromiseSource(dir)],
      defaults,
      logger,
    });
    await provider.connect(rec.connection);
    await provider.run();
    expect(rec.names()).toEqual(['API:redis-promise', 'Template:kratix-redis']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/broken\/promise\.yaml: YAML/),
    );
    fs.rmSync(dir, { recursive: true });
    expect(await provider.run()).toEqual({ written: false, entities: 0 });
    expect(rec.mutations).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/cannot read folder .*keeping the entities/),
    );
  });
});

describe('KratixPromiseProvider with a Git repository (URL reader, fake Gitea)', () => {
  let gitea: FakeGitea;
  beforeAll(async () => {
    gitea = await startFakeGitea({
      owner: 'homelab',
      repo: 'gitops',
      token: 'gitea-token',
      labels: [],
    });
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(marketplace)) {
      files[`promises/${name}/promise.yaml`] = fs.readFileSync(
        path.join(marketplace, name, 'promise.yaml'),
        'utf8',
      );
    }
    files['promises/README.md'] = 'not a Promise';
    gitea.commit('main', files, 'the marketplace');
  });
  afterAll(() => gitea.close());

  it('reads every promise.yaml under the tree, and nothing again until a new commit', async () => {
    const host = new URL(gitea.baseUrl).host;
    const reader = UrlReaders.default({
      logger: mockServices.logger.mock(),
      config: new ConfigReader({
        integrations: {
          gitea: [
            {
              host,
              baseUrl: gitea.baseUrl,
              username: 'portal',
              password: 'gitea-token',
            },
          ],
        },
      }),
    });
    const target = `${gitea.baseUrl}/homelab/gitops/src/branch/main/promises`;
    const rec = recorder();
    const provider = new KratixPromiseProvider({
      sources: [new UrlPromiseSource(target, reader)],
      defaults,
      logger: mockServices.logger.mock(),
    });
    await provider.connect(rec.connection);
    const first = await provider.run();
    const promiseCount = fs.readdirSync(marketplace).length;
    const withApi = fs
      .readdirSync(marketplace)
      .filter(
        n =>
          parse(
            fs.readFileSync(path.join(marketplace, n, 'promise.yaml'), 'utf8'),
          ).spec?.api,
      );
    expect(first).toEqual({
      written: true,
      entities: promiseCount + withApi.length,
    });
    const api = rec.mutations[0].entities.find(
      (e: any) => e.entity.metadata.name === 'vault-promise',
    ).entity;
    expect(api.metadata.annotations['backstage.io/managed-by-location']).toBe(
      `url:${target}/vault/promise.yaml`,
    );
    const archives = () =>
      gitea.requests.filter(r => r.path.includes('/archive/')).length;
    expect(archives()).toBe(1);
    expect((await provider.run()).written).toBe(false);
    expect(archives()).toBe(1); // same commit: no download

    gitea.commit('main', { 'promises/vault/promise.yaml': null }, 'drop vault');
    await provider.run();
    expect(archives()).toBe(2);
    expect(rec.names()).not.toContain('API:vault-promise');
    expect(rec.names()).not.toContain('Template:kratix-vault');
  });
});

describe('KratixPromiseProvider with a Kratix platform cluster (fake API from the CRDs)', () => {
  const promiseCrd = parse(
    fs.readFileSync(
      path.join(fixtures, 'crds/platform.kratix.io_promises.yaml'),
      'utf8',
    ),
  );
  let kube: FakeKubeApi;
  let url: string;
  beforeAll(async () => {
    kube = new FakeKubeApi([promiseCrd]);
    url = await kube.start();
  });
  afterAll(() => kube.stop());

  it('lists the installed Promises, page by page, without what the cluster adds', async () => {
    for (const name of ['postgresql', 'jenkins', 'nginx-ingress']) {
      const promise = parseAllDocuments(
        fs.readFileSync(path.join(marketplace, name, 'promise.yaml'), 'utf8'),
      )
        .map(d => d.toJS())
        .find(d => d?.kind === 'Promise');
      kube.put({
        ...promise,
        metadata: {
          ...promise.metadata,
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration': '{"secret":1}',
          },
        },
        status: {
          conditions: [],
          workflows: 1,
          workflowsFailed: 0,
          workflowsSucceeded: 1,
        },
      });
    }
    const source = new ClusterPromiseSource(
      { name: 'homelab', url, serviceAccountToken: 'kube-token' },
      new KubernetesApi({ timeoutMs: 5000 }),
    );
    const rec = recorder();
    const provider = new KratixPromiseProvider({
      sources: [source],
      defaults,
      logger: mockServices.logger.mock(),
    });
    await provider.connect(rec.connection);
    await provider.run();
    expect(rec.names()).toEqual([
      'API:jenkins-promise',
      'API:nginx-ingress-promise',
      'API:postgresql-promise',
      'Template:kratix-jenkins',
      'Template:kratix-postgresql',
    ]);
    const definition = rec.mutations[0].entities[0].entity.spec.definition;
    expect(definition).not.toMatch(/last-applied|uid-|resourceVersion|status/);
  });

  it('keeps the entities through an outage or a bad token, saying why', async () => {
    const logger = mockServices.logger.mock();
    const rec = recorder();
    const provider = new KratixPromiseProvider({
      sources: [
        new ClusterPromiseSource(
          { name: 'homelab', url, serviceAccountToken: 'wrong' },
          new KubernetesApi({ timeoutMs: 5000 }),
        ),
      ],
      defaults,
      logger,
    });
    await provider.connect(rec.connection);
    expect((await provider.run()).written).toBe(false);
    expect(rec.mutations).toHaveLength(0);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /cannot read cluster homelab \(Kubernetes \(homelab\) answered HTTP 401/,
      ),
    );
    expect(JSON.stringify(logger.warn.mock.calls)).not.toMatch(/wrong/);
  });
});
