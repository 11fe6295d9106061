import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readPromiseDocuments } from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
// The action talks to the kratix backend; the test runs both.
import { kratixPlugin as kratixBackend } from '../plugin';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { stringify } from 'yaml';
import { createKratixTrackAction } from '@homelab-portal/plugin-scaffolder-backend-module-kratix';

const repoRoot = path.resolve(__dirname, '../../../../..');
const redisPromise = entitiesForPromise(
  readPromiseDocuments(
    fs.readFileSync(path.join(repoRoot, 'promises/redis/promise.yaml'), 'utf8'),
  )[0],
  { location: 'file:promise.yaml' },
  {
    owner: 'group:default/admins',
    lifecycle: 'production',
    requestsPath: 'x',
    allowedHosts: [],
  },
).api;

describe('kratix:request:track', () => {
  let server: any;
  let baseUrl: string;
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        kratixBackend,
        catalogServiceMock.factory({ entities: [redisPromise as any] }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [{ host: 'git.lab.local', password: 't' }],
              github: [{ host: 'github.com', token: 't' }],
              gitlab: [
                {
                  host: 'gitlab.lab.local',
                  apiBaseUrl: 'https://gitlab.lab.local/api/v4',
                  token: 't',
                },
              ],
            },
          },
        }),
      ],
    }));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/kratix`;
  });

  function context(dryRun: boolean) {
    const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'track-'));
    fs.mkdirSync(path.join(workspacePath, 'out'));
    fs.writeFileSync(
      path.join(workspacePath, 'out/redis-cache.yaml'),
      stringify({
        apiVersion: 'platform.lab.local/v1alpha1',
        kind: 'Redis',
        metadata: { name: 'cache', namespace: 'default' },
        spec: { mode: 'persistent', memoryMi: 256, replicas: 1 },
      }),
    );
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        promiseEntityRef: 'api:default/redis-promise',
        manifestPath: 'out/redis-cache.yaml',
        forge: 'gitea' as const,
        pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/9',
      },
    });
    return Object.assign(ctx, {
      isDryRun: dryRun,
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/alice'),
    });
  }

  const action = () =>
    createKratixTrackAction({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth(),
    });

  it('records the request for the user who ran the template', async () => {
    const ctx = context(false);
    await action().handler(ctx);
    const id = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'requestId',
    )[1];
    const stored = await request(server)
      .get(`/api/kratix/requests/${id}`)
      .set('Authorization', mockCredentials.user.header());
    expect(stored.body).toMatchObject({
      requester: 'user:default/alice',
      kind: 'Redis',
      name: 'cache',
      pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/9',
      state: 'pr-open',
    });
  });

  it('records nothing in a dry run', async () => {
    const ctx = context(true);
    await action().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'dry-run');
    const all = await request(server)
      .get('/api/kratix/requests')
      .set('Authorization', mockCredentials.user.header());
    expect(all.body.items).toHaveLength(1);
  });

  // What the templates' GitHub and GitLab steps hand on: the stock
  // publish:github:pull-request outputs the pull request's html_url as
  // remoteUrl, publish:gitlab:merge-request the merge request's web_url as
  // mergeRequestUrl (tracking them is tested in the kratix backend).
  it.each([
    ['github', 'https://github.com/homelab/gitops/pull/12'],
    [
      'gitlab',
      'https://gitlab.lab.local/homelab/platform/gitops/-/merge_requests/3',
    ],
  ] as const)(
    'records a request whose change is on %s',
    async (forge, pullRequestUrl) => {
      const ctx = context(false);
      Object.assign(ctx.input, { forge, pullRequestUrl });
      await action().handler(ctx);
      const id = (ctx.output as jest.Mock).mock.calls.find(
        ([k]) => k === 'requestId',
      )[1];
      const stored = await request(server)
        .get(`/api/kratix/requests/${id}`)
        .set('Authorization', mockCredentials.user.header());
      expect(stored.body).toMatchObject({
        forge,
        pullRequestUrl,
        state: 'pr-open',
      });
    },
  );

  it('refuses a change on another forge than the step says', async () => {
    const ctx = context(false);
    Object.assign(ctx.input, {
      forge: 'github',
      pullRequestUrl:
        'https://gitlab.lab.local/homelab/platform/gitops/-/merge_requests/4',
    });
    await expect(action().handler(ctx)).rejects.toThrow(
      'The kratix backend refused to track the request (HTTP 400): https://gitlab.lab.local/homelab/platform/gitops/-/merge_requests/4 is on gitlab, not github',
    );
  });

  it('refuses a manifest outside the workspace', async () => {
    const ctx = context(false);
    (ctx.input as any).manifestPath = '../../etc/passwd';
    await expect(action().handler(ctx)).rejects.toThrow(/outside/i);
  });
});
