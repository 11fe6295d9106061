import '@homelab-portal/test-utils/fixtures';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  asKratixInstallsIt,
  FakeArgoCd,
  FakeGitea,
  FakeKubeApi,
  kratixStatus,
  startFakeGitea,
} from '@homelab-portal/test-utils';
import {
  KratixRequest,
  readPromiseDocuments,
} from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { kratixPlugin } from './plugin';

jest.setTimeout(120_000);

const fixtures = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/kratix',
);
const promise = readPromiseDocuments(
  fs.readFileSync(
    path.join(fixtures, 'marketplace/postgresql/promise.yaml'),
    'utf8',
  ),
)[0];
const promiseCrd = parse(
  fs.readFileSync(
    path.join(fixtures, 'crds/platform.kratix.io_promises.yaml'),
    'utf8',
  ),
);
const promiseEntity = entitiesForPromise(
  promise,
  { location: 'url:https://git.lab.local/promises/postgresql/promise.yaml' },
  {
    owner: 'group:default/admins',
    lifecycle: 'production',
    requestsPath: 'platform/requests',
    allowedHosts: [],
  },
).api;
const API_VERSION = 'marketplace.kratix.io/v1alpha2';

describe('a Kratix request, from pull request to Ready', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let gitea: FakeGitea;
  let argocd: FakeArgoCd;
  let kube: FakeKubeApi;
  let argoUrl: string;
  let kubeUrl: string;

  // fresh upstreams for each database: the same requests are made on each
  beforeEach(async () => {
    gitea = await startFakeGitea({
      owner: 'homelab',
      repo: 'gitops',
      token: 'gitea-token',
      labels: [],
    });
    argocd = new FakeArgoCd();
    argoUrl = await argocd.start();
    // The Kubernetes API: Kratix's Promise CRD and the Promise's own request CRD.
    kube = new FakeKubeApi([promiseCrd, asKratixInstallsIt(promise.spec.api)]);
    kubeUrl = await kube.start();
    kube.put({
      ...promise,
      status: {
        conditions: [],
        workflows: 1,
        workflowsFailed: 0,
        workflowsSucceeded: 1,
      },
    });
  });
  afterEach(async () => {
    await gitea.close();
    await argocd.stop();
    await kube.stop();
  });

  /** Pushes a request on a branch and opens its pull request, as the templates do. */
  async function openPullRequest(name: string) {
    const manifest = {
      apiVersion: API_VERSION,
      kind: 'postgresql',
      metadata: { name, namespace: 'default' },
      spec: {
        env: 'dev',
        teamId: 'media',
        dbName: name,
        backupEnabled: true,
        namespace: 'default',
      },
    };
    gitea.commit(
      `request/${name}`,
      { [`platform/requests/${name}.yaml`]: stringify(manifest) },
      `Request ${name}`,
    );
    const res = await fetch(
      `${gitea.baseUrl}/api/v1/repos/homelab/gitops/pulls`,
      {
        method: 'POST',
        headers: {
          authorization: 'token gitea-token',
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          head: `request/${name}`,
          base: 'main',
          title: `Request ${name}`,
        }),
      },
    );
    const pull = await res.json();
    return {
      manifest,
      number: pull.number as number,
      url: pull.html_url as string,
    };
  }

  function application(
    resources: Array<{ name: string; status: string }>,
    operation?: object,
  ) {
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'platform-requests', namespace: 'argocd' },
      spec: {
        project: 'default',
        source: {
          repoURL: `${gitea.baseUrl}/homelab/gitops.git`,
          path: 'platform/requests',
          targetRevision: 'main',
        },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'default',
        },
      },
      status: {
        sync: {
          status: resources.every(r => r.status === 'Synced')
            ? 'Synced'
            : 'OutOfSync',
          revision: 'abc123',
        },
        resources: resources.map(r => ({
          group: 'marketplace.kratix.io',
          version: 'v1alpha2',
          kind: 'postgresql',
          namespace: 'default',
          name: r.name,
          status: r.status,
        })),
        ...(operation ? { operationState: operation } : {}),
      },
    };
  }

  it.each(databases.eachSupportedId())(
    'on %p, with a restart in the middle',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const sent: NotificationSendOptions[] = [];
      const start = async () => {
        const scheduler: any = mockServices.scheduler();
        const backend = await startTestBackend({
          features: [
            kratixPlugin,
            scheduler.factory({ skipTaskRunOnStartup: true }),
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({ entities: [promiseEntity as any] }),
            createServiceFactory({
              service: notificationService,
              deps: {},
              factory: () => ({
                send: async (options: NotificationSendOptions) => {
                  sent.push(options);
                },
              }),
            }),
            mockServices.rootConfig.factory({
              data: {
                integrations: {
                  gitea: [
                    {
                      host: new URL(gitea.baseUrl).host,
                      baseUrl: gitea.baseUrl,
                      username: 'portal',
                      password: 'gitea-token',
                    },
                  ],
                },
                kubernetes: {
                  clusterLocatorMethods: [
                    {
                      type: 'config',
                      clusters: [
                        {
                          name: 'platform',
                          url: kubeUrl,
                          serviceAccountToken: 'kube-token',
                          authProvider: 'serviceAccount',
                        },
                      ],
                    },
                  ],
                },
                kratix: {
                  tracking: {
                    argocd: {
                      baseUrl: argoUrl,
                      token: 'argocd-token',
                      application: 'platform-requests',
                    },
                    cluster: 'platform',
                  },
                },
              },
            }),
          ],
        });
        return {
          server: backend.server,
          stop: () => backend.stop(),
          track: () => scheduler.triggerTask('kratix-requests-track'),
        };
      };

      let backend = await start();
      const post = (body: object) =>
        request(backend.server)
          .post('/api/kratix/requests')
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/alice'),
          )
          .send(body);
      const get = async (id: string): Promise<KratixRequest> =>
        (
          await request(backend.server)
            .get(`/api/kratix/requests/${id}`)
            .set('Authorization', mockCredentials.user.header())
        ).body;

      // Four requests: one goes all the way, one is closed, one fails in
      // Kratix, one waits for a manual approval on its way.
      const happy = await openPullRequest('photos');
      const closed = await openPullRequest('scratch');
      const broken = await openPullRequest('broken');
      const gated = await openPullRequest('big');
      const ids: Record<string, string> = {};
      for (const [key, pr] of Object.entries({
        happy,
        closed,
        broken,
        gated,
      })) {
        const res = await post({
          promiseEntityRef: 'api:default/postgresql-promise',
          manifest: pr.manifest,
          forge: 'gitea',
          pullRequestUrl: pr.url,
        });
        expect(res.status).toBe(201);
        expect(res.body.requester).toBe('user:default/alice');
        ids[key] = res.body.id;
      }
      expect((await get(ids.happy)).parameters).toEqual(happy.manifest.spec);

      await backend.track();
      expect((await get(ids.happy)).state).toBe('pr-open');
      expect((await get(ids.happy)).reason).toMatch(/merged/);

      gitea.merge(happy.number);
      gitea.merge(broken.number);
      gitea.merge(gated.number);
      gitea.closePull(closed.number);
      argocd.set(application([]));
      await backend.track();
      expect((await get(ids.happy)).state).toBe('merged');
      expect((await get(ids.happy)).reason).toMatch(
        /does not manage postgresql photos yet/,
      );
      expect((await get(ids.closed)).state).toBe('closed');

      // The backend restarts; nothing is lost.
      await backend.stop();
      backend = await start();
      const afterRestart = await get(ids.happy);
      expect(afterRestart.state).toBe('merged');
      expect(afterRestart.events.map(e => e.state)).toEqual([
        'pr-open',
        'merged',
      ]);

      argocd.set(
        application([
          { name: 'photos', status: 'Synced' },
          { name: 'broken', status: 'Synced' },
          { name: 'big', status: 'Synced' },
        ]),
      );
      kube.put({ ...happy.manifest });
      kube.put({ ...broken.manifest });
      kube.put({ ...gated.manifest });
      await backend.track();
      expect((await get(ids.happy)).state).toBe('synced');
      expect((await get(ids.happy)).reason).toMatch(/Kratix: no status yet/);
      expect((await get(ids.happy)).kratix).toBeUndefined();

      // Kratix runs the workflows: waiting, with Kratix's reason
      const started = '2026-11-25T10:07:00Z';
      for (const name of ['photos', 'broken', 'big']) {
        kube.setStatus(
          API_VERSION,
          'postgresql',
          'default',
          name,
          kratixStatus.workflowPending(started),
        );
      }
      await backend.track();
      const running = await get(ids.happy);
      expect(running.state).toBe('synced');
      expect(running.kratix).toEqual({
        phase: 'waiting',
        reason: 'WorkflowPending',
        message: 'Pipelines are still in progress',
        since: started,
      });
      expect(running.reason).toBe(
        'Kratix: waiting, WorkflowPending: Pipelines are still in progress (the configure workflow is running)',
      );

      // a pipeline of 'big' asks for approval: the requester hears of it once
      kube.setStatus(
        API_VERSION,
        'postgresql',
        'default',
        'big',
        kratixStatus.suspended(
          '2026-11-25T10:08:00Z',
          'approve-size',
          'A 500 GiB database needs an admin to approve it',
        ),
      );
      await backend.track();
      await backend.track();
      const waiting = await get(ids.gated);
      expect(waiting.state).toBe('synced');
      expect(waiting.kratix).toEqual({
        phase: 'needs-approval',
        reason: 'WorkflowSuspended',
        message: 'A 500 GiB database needs an admin to approve it',
        pipeline: 'approve-size',
        since: '2026-11-25T10:08:00Z',
        approvalUrl: `${argoUrl}/applications/platform-requests?resource=&node=${encodeURIComponent(
          'marketplace.kratix.io/postgresql/default/big/0',
        )}`,
      });
      expect(waiting.reason).toBe(
        'Kratix: needs approval (pipeline approve-size): A 500 GiB database needs an admin to approve it',
      );
      expect(
        sent
          .filter(n => n.payload.title === 'postgresql big needs approval')
          .map(n => [n.recipients, n.payload.link]),
      ).toEqual([
        [
          { type: 'entity', entityRef: 'user:default/alice' },
          `/kratix/requests/${ids.gated}`,
        ],
      ]);

      const now = '2026-11-25T10:09:30Z';
      kube.setStatus(
        API_VERSION,
        'postgresql',
        'default',
        'photos',
        kratixStatus.reconciled(now),
      );
      kube.setStatus(
        API_VERSION,
        'postgresql',
        'default',
        'broken',
        kratixStatus.workflowFailed(now, 'create-db'),
      );
      kube.setStatus(
        API_VERSION,
        'postgresql',
        'default',
        'big',
        kratixStatus.reconciled(now),
      );
      await backend.track();
      await backend.track(); // a second pass changes nothing and tells no one twice

      const done = await get(ids.happy);
      expect(done.state).toBe('ready');
      expect(done.events.map(e => e.state)).toEqual([
        'pr-open',
        'merged',
        'synced',
        'ready',
      ]);
      expect(done.events[3].at).toBe(now);
      expect(done.events[1].message).toMatch(
        /Pull request merged as [0-9a-f]{12}/,
      );
      const failed = await get(ids.broken);
      expect(failed.state).toBe('failed');
      expect(failed.reason).toBe(
        'Kratix: ConfigureWorkflowFailed: A Configure Pipeline has failed: create-db',
      );
      expect(failed.events.map(e => [e.state, e.at, e.message])).toContainEqual(
        [
          'failed',
          now,
          'Kratix: ConfigureWorkflowFailed: A Configure Pipeline has failed: create-db',
        ],
      );
      expect(failed.kratix).toMatchObject({
        phase: 'failed',
        pipeline: 'create-db',
      });
      expect((await get(ids.gated)).state).toBe('ready');

      expect(
        sent.map(n => [
          n.recipients,
          n.payload.title,
          n.payload.severity,
          n.payload.link,
        ]),
      ).toEqual(
        expect.arrayContaining([
          [
            { type: 'entity', entityRef: 'user:default/alice' },
            'postgresql scratch was closed without merging',
            'high',
            `/kratix/requests/${ids.closed}`,
          ],
          [
            { type: 'entity', entityRef: 'user:default/alice' },
            'postgresql photos is ready',
            'normal',
            `/kratix/requests/${ids.happy}`,
          ],
          [
            { type: 'entity', entityRef: 'user:default/alice' },
            'postgresql broken failed',
            'high',
            `/kratix/requests/${ids.broken}`,
          ],
        ]),
      );
      expect(sent).toHaveLength(5);

      const mine = await request(backend.server)
        .get('/api/kratix/requests?requester=me')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/alice'),
        );
      expect(mine.body.items.map((r: KratixRequest) => r.name).sort()).toEqual([
        'big',
        'broken',
        'photos',
        'scratch',
      ]);
      await backend.stop();
    },
  );
});
