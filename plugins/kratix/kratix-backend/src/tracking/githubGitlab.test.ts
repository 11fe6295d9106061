import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
import request from 'supertest';
import { kratixPlugin } from '../plugin';
import { readHomelabPromise } from '../__testUtils__/kratixEmulator';
import { FakeGitHub } from '../__testUtils__/fakeGitHub';
import { FakeGitLab } from '../__testUtils__/fakeGitLab';

jest.setTimeout(60_000);

const promiseEntity = entitiesForPromise(
  readHomelabPromise('redis'),
  { location: 'url:https://git.lab.local/homelab/portal/promises/redis' },
  {
    owner: 'group:default/admins',
    lifecycle: 'production',
    requestsPath: 'platform/requests',
    allowedHosts: [],
  },
).api;

const manifest = (name: string) => ({
  apiVersion: 'platform.lab.local/v1alpha1',
  kind: 'Redis',
  metadata: { name, namespace: 'nextcloud' },
  spec: { mode: 'cache', memoryMi: 256, replicas: 1 },
});

/**
 * Pull requests on GitHub and merge requests on GitLab, followed by the
 * tracker through their REST APIs (fakes whose answers are typed with
 * Octokit's and gitbeaker's types), from open to merged or closed.
 */
describe('following GitHub pull requests and GitLab merge requests', () => {
  let github: FakeGitHub;
  let gitlab: FakeGitLab;
  let githubApi: string;
  let gitlabUrl: string;

  beforeEach(async () => {
    github = new FakeGitHub({
      owner: 'homelab',
      repo: 'gitops',
      token: 'github-token',
    });
    githubApi = await github.start();
    gitlab = new FakeGitLab({
      project: 'homelab/platform/gitops',
      webUrl: 'https://gitlab.lab.local',
      token: 'gitlab-token',
    });
    gitlabUrl = await gitlab.start();
  });
  afterEach(async () => {
    await github.stop();
    await gitlab.stop();
  });

  async function startBackend(
    tokens = { github: 'github-token', gitlab: 'gitlab-token' },
  ) {
    const scheduler: any = mockServices.scheduler();
    const backend = await startTestBackend({
      features: [
        kratixPlugin,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities: [promiseEntity as any] }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              // github.com's web URLs, its API here
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: githubApi,
                  token: tokens.github,
                },
              ],
              gitlab: [
                {
                  host: 'gitlab.lab.local',
                  baseUrl: 'https://gitlab.lab.local',
                  apiBaseUrl: `${gitlabUrl}/api/v4`,
                  token: tokens.gitlab,
                },
              ],
            },
          },
        }),
      ],
    });
    const post = (body: object) =>
      request(backend.server)
        .post('/api/kratix/requests')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({ promiseEntityRef: 'api:default/redis-promise', ...body });
    const get = async (id: string): Promise<KratixRequest> =>
      (
        await request(backend.server)
          .get(`/api/kratix/requests/${id}`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
    return {
      backend,
      post,
      get,
      track: () => scheduler.triggerTask('kratix-requests-track'),
    };
  }

  it('a GitHub pull request: open, then merged (its merge commit), another closed', async () => {
    const { backend, post, get, track } = await startBackend();
    const merged = github.open('request/redis-cache', 'Request Redis cache');
    const closed = github.open('request/redis-tmp', 'Request Redis tmp');
    const a = await post({
      manifest: manifest('cache'),
      forge: 'github',
      pullRequestUrl: merged.html_url,
    });
    expect(a.status).toBe(201);
    expect(a.body.events[0].message).toBe(
      'Pull request opened: https://github.com/homelab/gitops/pull/1',
    );
    const b = await post({
      manifest: manifest('tmp'),
      forge: 'github',
      pullRequestUrl: closed.html_url,
    });
    expect(b.status).toBe(201);

    await track();
    expect((await get(a.body.id)).state).toBe('pr-open');
    expect((await get(a.body.id)).reason).toBe(
      'Waiting for the pull request to be merged',
    );
    // through GitHub's API, with the integration's token
    expect(github.requests).toContainEqual({
      path: '/repos/homelab/gitops/pulls/1',
      authorization: 'Bearer github-token',
    });

    const sha = github.merge(merged.number, '2026-11-25T10:05:00Z');
    github.close(closed.number, '2026-11-25T10:06:00Z');
    await track();
    const done = await get(a.body.id);
    expect(done.state).toBe('merged');
    expect(done.events[1]).toEqual({
      state: 'merged',
      at: '2026-11-25T10:05:00Z',
      message: `Pull request merged as ${sha.slice(0, 12)}`,
    });
    const gone = await get(b.body.id);
    expect(gone.state).toBe('closed');
    expect(gone.events[1]).toMatchObject({
      state: 'closed',
      at: '2026-11-25T10:06:00Z',
    });
    await backend.stop();
  });

  it('a GitLab merge request in a subgroup: opened, merged (squashed), another closed, a locked one', async () => {
    const { backend, post, get, track } = await startBackend();
    const squashed = gitlab.open('request/redis-cache', 'Request Redis cache');
    const closed = gitlab.open('request/redis-tmp', 'Request Redis tmp');
    const locked = gitlab.open('request/redis-old', 'Request Redis old');
    const ids: string[] = [];
    for (const [name, mr] of [
      ['cache', squashed],
      ['tmp', closed],
      ['old', locked],
    ] as const) {
      const res = await post({
        manifest: manifest(name),
        forge: 'gitlab',
        pullRequestUrl: mr.web_url,
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    await track();
    expect((await get(ids[0])).state).toBe('pr-open');
    expect(gitlab.requests).toContainEqual({
      path: '/api/v4/projects/homelab%2Fplatform%2Fgitops/merge_requests/1',
      token: 'gitlab-token',
    });

    const sha = gitlab.merge(squashed.iid, '2026-11-25T10:05:00.000Z', true);
    gitlab.close(closed.iid, '2026-11-25T10:06:00.000Z');
    gitlab.close(locked.iid, '2026-11-25T10:07:00.000Z', 'locked');
    await track();
    const done = await get(ids[0]);
    expect(done.state).toBe('merged');
    expect(done.events[1]).toEqual({
      state: 'merged',
      at: '2026-11-25T10:05:00.000Z',
      message: `Pull request merged as ${sha.slice(0, 12)}`,
    });
    expect((await get(ids[1])).state).toBe('closed');
    expect((await get(ids[1])).events[1].at).toBe('2026-11-25T10:06:00.000Z');
    expect((await get(ids[2])).state).toBe('closed');
    await backend.stop();
  });

  it('refuses URLs that are not a pull request page of a configured forge', async () => {
    const { backend, post } = await startBackend();
    for (const [forge, url] of [
      ['github', 'https://github.com/homelab/gitops/pulls/1'],
      ['github', 'https://github.com/homelab/gitops/pull/1/../../x/pull/1'],
      ['gitlab', 'https://gitlab.lab.local/homelab/gitops/merge_requests/1'],
      [
        'gitlab',
        'https://gitlab.example.com/homelab/gitops/-/merge_requests/1',
      ],
      ['github', 'https://gitlab.lab.local/homelab/gitops/-/merge_requests/1'],
    ]) {
      const res = await post({
        manifest: manifest('cache'),
        forge,
        pullRequestUrl: url,
      });
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
    }
    await backend.stop();
  });

  it('a forge that refuses the token, or has no such pull request: the request waits, with why', async () => {
    const { backend, post, get, track } = await startBackend({
      github: 'stale-token',
      gitlab: 'gitlab-token',
    });
    const pull = github.open('request/redis-cache', 'Request Redis cache');
    const a = await post({
      manifest: manifest('cache'),
      forge: 'github',
      pullRequestUrl: pull.html_url,
    });
    const b = await post({
      manifest: manifest('gone'),
      forge: 'gitlab',
      pullRequestUrl:
        'https://gitlab.lab.local/homelab/platform/gitops/-/merge_requests/99',
    });
    await track();
    const refused = await get(a.body.id);
    expect(refused.state).toBe('pr-open');
    expect(refused.reason).toMatch(
      /^Waiting: github \(127\.0\.0\.1:\d+\) answered HTTP 401: Bad credentials$/,
    );
    const missing = await get(b.body.id);
    expect(missing.state).toBe('pr-open');
    expect(missing.reason).toMatch(
      /^Waiting: gitlab \(127\.0\.0\.1:\d+\): the pull request https:\/\/gitlab\.lab\.local\/homelab\/platform\/gitops\/-\/merge_requests\/99 does not exist$/,
    );
    await backend.stop();
  });
});
