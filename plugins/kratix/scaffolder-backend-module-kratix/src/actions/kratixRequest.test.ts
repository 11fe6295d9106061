import '@homelab-portal/test-utils/fixtures';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseAllDocuments } from 'yaml';
import { createKratixRequestAction } from './kratixRequest';

const marketplace = path.resolve(
  __dirname,
  '../../../../../../shared/fixtures/kratix/marketplace',
);
const promiseText = (name: string) =>
  fs.readFileSync(path.join(marketplace, name, 'promise.yaml'), 'utf8');

describe('kratix:request', () => {
  const workspace = createMockDirectory();
  const urlReader = mockServices.urlReader.mock();
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: { name: 'postgresql-promise' },
        spec: {
          type: 'kratix-promise',
          lifecycle: 'production',
          owner: 'admins',
          definition: promiseText('postgresql'),
        },
      },
    ],
  });
  const action = createKratixRequestAction({ urlReader, catalog });

  beforeEach(() => {
    workspace.clear();
    workspace.setContent({
      'promises/redis.yaml': promiseText('redis'),
      'promises/nginx-ingress.yaml': promiseText('nginx-ingress'),
    });
  });

  const run = async (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    return ctx;
  };

  const readManifest = (relative: string) => {
    const docs = parseAllDocuments(
      fs.readFileSync(path.join(workspace.path, relative), 'utf8'),
    );
    expect(docs).toHaveLength(1);
    return docs[0].toJS();
  };

  it('renders a request from the catalog, validated and with defaults', async () => {
    const ctx = await run({
      promiseEntityRef: 'api:default/postgresql-promise',
      name: 'photos-db',
      namespace: 'jellyfin',
      parameters: { env: 'dev', teamId: 'household', dbName: 'photos' },
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'manifestPath',
      'resources/jellyfin/postgresql-photos-db.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'apiVersion',
      'marketplace.kratix.io/v1alpha2',
    );
    expect(ctx.output).toHaveBeenCalledWith('kind', 'postgresql');
    expect(ctx.output).toHaveBeenCalledWith('name', 'photos-db');
    const manifest = readManifest(
      'resources/jellyfin/postgresql-photos-db.yaml',
    );
    expect(manifest).toMatchObject({
      apiVersion: 'marketplace.kratix.io/v1alpha2',
      kind: 'postgresql',
      metadata: { name: 'photos-db', namespace: 'jellyfin' },
      spec: { env: 'dev', teamId: 'household', dbName: 'photos' },
    });
  });

  it('renders a request from a workspace file to a chosen path', async () => {
    await run({
      promiseFile: 'promises/redis.yaml',
      name: 'cache',
      parameters: { size: 'small' },
      targetPath: 'platform/cache.yaml',
    });
    expect(readManifest('platform/cache.yaml')).toMatchObject({
      kind: 'redis',
      metadata: { name: 'cache', namespace: 'default' },
      spec: { size: 'small' },
    });
  });

  it('renders a request from a URL through the URL reader', async () => {
    urlReader.readUrl.mockResolvedValue({
      buffer: async () => Buffer.from(promiseText('redis')),
      stream: () => Readable.from([]),
    } as any);
    await run({
      promiseUrl:
        'https://git.lab.local/platform/promises/raw/branch/main/redis.yaml',
      name: 'cache',
    });
    expect(urlReader.readUrl).toHaveBeenCalledWith(
      'https://git.lab.local/platform/promises/raw/branch/main/redis.yaml',
    );
    expect(readManifest('resources/default/redis-cache.yaml').kind).toBe(
      'redis',
    );
  });

  it('fails with an InputError naming each bad field', async () => {
    const error = await run({
      promiseEntityRef: 'api:default/postgresql-promise',
      name: 'db',
      parameters: { env: 'staging', backupEnabled: 'yes', extra: 1 },
    }).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /^The request does not fit Promise postgresql: /,
    );
    for (const problem of [
      'spec.env: must match pattern "^(dev|prod)$"',
      'spec.backupEnabled: must be boolean',
      "spec.extra: is not in the Promise's schema",
    ]) {
      expect(error.message).toContain(problem);
    }
  });

  it('refuses a Promise with nothing to request, with the reason', async () => {
    await expect(
      run({ promiseFile: 'promises/nginx-ingress.yaml', name: 'x' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/has no spec\.api/),
    });
  });

  it.each([
    ['promiseFile', '../../etc/passwd'],
    ['promiseFile', '/etc/passwd'],
    ['targetPath', '../outside.yaml'],
    ['targetPath', '/tmp/outside.yaml'],
  ])('refuses %s %s outside the workspace', async (field, value) => {
    await expect(
      run({
        promiseFile: 'promises/redis.yaml',
        name: 'cache',
        [field]: value,
      }),
    ).rejects.toThrow(/outside|not a file/i);
  });

  it('refuses a symlink out of the workspace', async () => {
    fs.symlinkSync(
      '/etc/hostname',
      path.join(workspace.path, 'promises/link.yaml'),
    );
    await expect(
      run({ promiseFile: 'promises/link.yaml', name: 'cache' }),
    ).rejects.toThrow(/outside/i);
  });

  it('keeps YAML injection in a value inside that value', async () => {
    await run({
      promiseEntityRef: 'api:default/postgresql-promise',
      name: 'db',
      parameters: {
        env: 'dev',
        teamId:
          'x\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding',
        dbName: 'db',
      },
    });
    const manifest = readManifest('resources/default/postgresql-db.yaml');
    expect(manifest.spec.teamId).toContain('kind: ClusterRoleBinding');
    expect(manifest.kind).toBe('postgresql');
  });

  it('needs exactly one Promise source', async () => {
    await expect(run({ name: 'x' })).rejects.toThrow(/exactly one/);
    await expect(
      run({
        promiseFile: 'promises/redis.yaml',
        promiseUrl: 'https://x',
        name: 'x',
      }),
    ).rejects.toThrow(/exactly one/);
  });

  it('says when the catalog has no such Promise', async () => {
    await expect(
      run({ promiseEntityRef: 'api:default/nope', name: 'x' }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('matches a Promise pattern with RE2: a catastrophic one answers at once', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'evils.platform.lab.local' },
      spec: {
        group: 'platform.lab.local',
        names: { kind: 'Evil', plural: 'evils' },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    properties: {
                      name: { type: 'string', pattern: '^(a|a)*$' },
                      token: { type: 'string', pattern: '^(?=x).*' },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    };
    workspace.setContent({ 'promises/evil.yaml': JSON.stringify(crd) });
    await expect(
      run({
        promiseFile: 'promises/evil.yaml',
        name: 'evil',
        parameters: { name: `${'a'.repeat(50_000)}!` },
      }),
    ).rejects.toThrow(/spec\.name: must match pattern "\^\(a\|a\)\*\$"/);
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      input: {
        promiseFile: 'promises/evil.yaml',
        name: 'evil',
        parameters: { name: 'aaa', token: 'no lookahead enforced' },
      } as any,
      workspacePath: workspace.path,
      logger,
    });
    await action.handler(ctx);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/spec\.token pattern .* it is not enforced$/),
    );
  });
});
