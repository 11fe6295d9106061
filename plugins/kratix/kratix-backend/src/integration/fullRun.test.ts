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
import { FakeGitea, startFakeGitea } from '@homelab-portal/test-utils';
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
const TOKEN = 'full-run-token-5ecret';

/*
 * The whole path, as a user runs it: the scaffolder runs the request-redis
 * template from templates/, kratix:request renders the manifest from the
 * Promise in the catalog, and publish:gitea:pull-request clones over HTTP
 * from a bare repository, pushes the branch and opens the pull request.
 */
describe('a template run against a real git repository', () => {
  let gitea: FakeGitea;
  beforeAll(async () => {
    gitea = await startFakeGitea({
      owner: 'homelab',
      repo: 'gitops',
      token: TOKEN,
      labels: [],
    });
  });
  afterAll(() => gitea.close());

  it('leaves exactly the request on the branch and opens the pull request', async () => {
    const templateFile = path.join(
      repoRoot,
      'templates/request-redis/template.yaml',
    );
    const template = parse(fs.readFileSync(templateFile, 'utf8'));
    template.metadata.namespace = 'default';
    template.metadata.annotations = {
      'backstage.io/managed-by-location': `file:${templateFile}`,
    };
    const promise = promiseEntity('redis');
    const host = new URL(gitea.baseUrl).host;

    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        kratixModule,
        scaffolderModuleGiteaPullRequest,
        // the kratix backend records the request (kratix:request:track)
        kratixBackend,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        catalogServiceMock.factory({ entities: [template, promise] }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [
                {
                  host,
                  baseUrl: gitea.baseUrl,
                  username: 'portal',
                  password: TOKEN,
                },
              ],
            },
          },
        }),
      ],
    });

    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header())
      .send({
        templateRef: 'template:default/request-redis',
        values: {
          name: 'cache',
          namespace: 'media',
          owner: 'group:default/admins',
          system: 'system:default/applications',
          mode: 'persistent',
          forge: 'gitea',
          repoUrl: `${host}?owner=homelab&repo=gitops`,
          reviewers: ['operator'],
        },
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
    }).toEqual({
      status: 'completed',
      log: '',
    });

    expect(gitea.filesOn('request/redis-cache')).toEqual({
      'README.md': '# gitops\n',
      'platform/requests/media/redis-cache.yaml': [
        'apiVersion: platform.lab.local/v1alpha1',
        'kind: Redis',
        'metadata:',
        '  name: cache',
        '  namespace: media',
        'spec:',
        '  mode: persistent',
        '  memoryMi: 256',
        '  replicas: 1',
        '',
      ].join('\n'),
    });
    expect(gitea.pulls).toEqual([
      expect.objectContaining({
        number: 1,
        head: 'request/redis-cache',
        base: 'main',
        title: 'Request redis cache',
        reviewers: ['operator'],
      }),
    ]);
    // The request is followed from here on, for the user who asked.
    const tracked = await request(server)
      .get('/api/kratix/requests')
      .set('Authorization', mockCredentials.user.header());
    expect(tracked.body.items).toEqual([
      expect.objectContaining({
        requester: mockCredentials.user().principal.userEntityRef,
        kind: 'Redis',
        name: 'cache',
        namespace: 'media',
        pullRequestUrl: `${gitea.baseUrl}/homelab/gitops/pulls/1`,
        state: 'pr-open',
      }),
    ]);
    const completion = events.body.find((e: any) => e.type === 'completion');
    expect(completion.body.output.links[0]).toMatchObject({
      title: `Pull request #1 on ${new URL(gitea.baseUrl).host}`,
      url: `${gitea.baseUrl}/homelab/gitops/pulls/1`,
    });
    // The token is in no log line, output or commit.
    expect(log).not.toContain(TOKEN);
    expect(JSON.stringify(task)).not.toContain(TOKEN);
  }, 60_000);
});
