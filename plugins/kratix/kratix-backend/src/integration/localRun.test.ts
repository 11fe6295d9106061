import { createServiceFactory } from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
// The action talks to the kratix backend; the test runs both.
import { kratixPlugin as kratixBackend } from '../plugin';
import { readPromiseDocuments } from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import kratixModule from '@homelab-portal/plugin-scaffolder-backend-module-kratix';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import scaffolderModuleGiteaPullRequest from '@homelab-portal/plugin-scaffolder-backend-module-gitea-pull-request';

const repoRoot = path.resolve(__dirname, '../../../../..');

/** A homelab Promise as the catalog holds it: the API entity the Kratix provider makes. */
function promiseEntity(name: string) {
  const file = path.join(repoRoot, 'promises', name, 'promise.yaml');
  return entitiesForPromise(
    readPromiseDocuments(fs.readFileSync(file, 'utf8'))[0],
    { location: `file:${file}` },
    {
      owner: 'group:default/admins',
      lifecycle: 'production',
      requestsPath: 'platform/requests',
      allowedHosts: [],
    },
  ).api;
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Owner',
      GIT_AUTHOR_EMAIL: 'owner@lab.local',
      GIT_COMMITTER_NAME: 'Owner',
      GIT_COMMITTER_EMAIL: 'owner@lab.local',
    },
  }).trim();

/*
 * The local start has no forge: with homelab.localForge, the request-redis
 * template from templates/ commits the rendered request to a branch of a
 * local Git repository (created at start), the kratix backend follows it,
 * and merging the branch moves the request on.
 */
describe('a template run in the local start, with no forge', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-run-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('commits the request on a branch of the local repository and tracks it until merged', async () => {
    const templateFile = path.join(
      repoRoot,
      'templates/request-redis/template.yaml',
    );
    const template = parse(fs.readFileSync(templateFile, 'utf8'));
    template.metadata.namespace = 'default';
    template.metadata.annotations = {
      'backstage.io/managed-by-location': `file:${templateFile}`,
    };
    const directory = path.join(root, '.local-state', 'gitops');
    const appBaseUrl = 'http://localhost:3000';
    const scheduler: any = mockServices.scheduler();

    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        kratixModule,
        scaffolderModuleGiteaPullRequest,
        kratixBackend,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        catalogServiceMock.factory({
          entities: [template, promiseEntity('redis')],
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: appBaseUrl },
            // as app-config.yaml: Gitea named, but no token and no server
            integrations: {
              gitea: [
                {
                  host: 'git.lab.local',
                  baseUrl: 'https://git.lab.local',
                  username: 'homelab-portal',
                },
              ],
            },
            homelab: { localForge: { host: 'git.lab.local', directory } },
          },
        }),
      ],
    });
    // created at start
    expect(git(directory, 'rev-list', '--count', 'main')).toBe('1');

    const values = {
      name: 'cache',
      namespace: 'media',
      owner: 'group:default/admins',
      system: 'system:default/applications',
      mode: 'persistent',
      forge: 'gitea',
      repoUrl: 'git.lab.local?owner=homelab&repo=gitops',
    };
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header())
      .send({
        templateRef: 'template:default/request-redis',
        values,
      });
    expect(created.status).toBe(201);

    let task: any;
    for (let i = 0; i < 150; i++) {
      task = (
        await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
      if (['completed', 'failed', 'cancelled'].includes(task.status)) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .set('Authorization', mockCredentials.user.header());
    const log = JSON.stringify(events.body);
    expect({
      status: task.status,
      log: task.status === 'completed' ? '' : log,
    }).toEqual({ status: 'completed', log: '' });

    // one commit on the branch, saying what it requests; main untouched
    const branch = 'request/redis-cache';
    const sha = git(directory, 'rev-parse', branch);
    expect(git(directory, 'rev-list', '--count', `main..${branch}`)).toBe('1');
    expect(git(directory, 'log', '-1', '--format=%s', branch)).toBe(
      'Request redis cache',
    );
    expect(git(directory, 'log', '-1', '--format=%b', branch)).toContain(
      'platform/requests/media/redis-cache.yaml',
    );
    expect(
      git(
        directory,
        'show',
        `${branch}:platform/requests/media/redis-cache.yaml`,
      ),
    ).toBe(
      [
        'apiVersion: platform.lab.local/v1alpha1',
        'kind: Redis',
        'metadata:',
        '  name: cache',
        '  namespace: media',
        'spec:',
        '  mode: persistent',
        '  memoryMi: 256',
        '  replicas: 1',
      ].join('\n'),
    );
    expect(
      git(directory, 'ls-tree', '-r', '--name-only', 'main').split('\n'),
    ).toEqual(['README.md']);

    // the template's link opens the rendered file
    const link = `${appBaseUrl}/kratix/local-git/${sha}?branch=request%2Fredis-cache&path=platform%2Frequests%2Fmedia%2Fredis-cache.yaml`;
    const completion = events.body.find((e: any) => e.type === 'completion');
    expect(completion.body.output.links[0]).toMatchObject({
      // a commit, not a pull request: no forge runs here
      title: 'Commit on branch request/redis-cache in the local Git repository',
      url: link,
    });
    const file = await request(server)
      .get(`/api/kratix/local-git/commits/${sha}/file`)
      .query({ path: 'platform/requests/media/redis-cache.yaml' })
      .set('Authorization', mockCredentials.user.header());
    expect(file.status).toBe(200);
    expect(file.body.content).toContain('kind: Redis');

    // tracked under Requests, open until merged
    const list = async () =>
      (
        await request(server)
          .get('/api/kratix/requests')
          .set('Authorization', mockCredentials.user.header())
      ).body.items;
    expect(await list()).toEqual([
      expect.objectContaining({
        requester: mockCredentials.user().principal.userEntityRef,
        kind: 'Redis',
        name: 'cache',
        namespace: 'media',
        forge: 'local-git',
        pullRequestUrl: link,
        state: 'pr-open',
        events: [
          expect.objectContaining({
            message: `Committed ${sha.slice(
              0,
              12,
            )} on branch request/redis-cache of the local Git repository (no forge here): merge it into main to approve it`,
          }),
        ],
      }),
    ]);
    // The same request again, before the first is merged: refused in one
    // clear line (no stack trace), and nothing overwritten.
    const again = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header())
      .send({ templateRef: 'template:default/request-redis', values });
    let second: any;
    for (let i = 0; i < 150; i++) {
      second = (
        await request(server)
          .get(`/api/scaffolder/v2/tasks/${again.body.id}`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
      if (['completed', 'failed', 'cancelled'].includes(second.status)) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    expect(second.status).toBe('failed');
    const secondLog = (
      await request(server)
        .get(`/api/scaffolder/v2/tasks/${again.body.id}/events`)
        .set('Authorization', mockCredentials.user.header())
    ).body
      .map((e: any) => e.body.message ?? '')
      .join('\n');
    expect(secondLog).toContain(
      `ConflictError: Branch request/redis-cache of ${directory} holds a request that is not merged yet; merge it (git -C ${directory} merge request/redis-cache)`,
    );
    expect(secondLog).not.toMatch(/\n\s+at /);
    expect(git(directory, 'rev-parse', branch)).toBe(sha);

    await scheduler.triggerTask('kratix-requests-track');
    expect(await list()).toEqual([
      expect.objectContaining({
        state: 'pr-open',
        reason:
          'Waiting for branch request/redis-cache to be merged into main (local Git repository)',
      }),
    ]);
    git(directory, 'merge', '-q', '--no-ff', '--no-edit', branch);
    await scheduler.triggerTask('kratix-requests-track');
    expect(await list()).toEqual([
      expect.objectContaining({
        state: 'merged',
        reason: 'No Kratix cluster configured (kratix.tracking.cluster)',
      }),
    ]);
  }, 60_000);
});
