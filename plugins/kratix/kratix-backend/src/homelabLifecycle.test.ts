import '@homelab-portal/test-utils/fixtures';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { schemasDir } from '@homelab-portal/kratix-pipelines';
// The catalog module's provider reads this backend: tested on the same requests.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { KratixRequestProvider } from '@homelab-portal/plugin-catalog-backend-module-kratix';
import {
  FakeArgoCd,
  FakeGitea,
  FakeKubeApi,
  startFakeGitea,
} from '@homelab-portal/test-utils';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { kratixPlugin } from './plugin';
import {
  KratixEmulator,
  homelabCluster,
  readHomelabPromise,
} from './__testUtils__/kratixEmulator';

// Compiling CloudNativePG's CRD (470 kB) and running five pipelines takes a
// while on a busy machine.
jest.setTimeout(180_000);

const PROMISES = [
  'postgresql',
  'redis',
  'bucket',
  'exposed-service',
  'keycloak-client',
];

const API_VERSION = 'platform.lab.local/v1alpha1';

/** One request per homelab Promise, as its template would make it. */
const REQUESTS: Record<string, any> = {
  postgresql: {
    kind: 'PostgreSQL',
    metadata: { name: 'gitea-db', namespace: 'gitea' },
    spec: { databaseName: 'gitea', ownerRole: 'gitea' },
  },
  redis: {
    kind: 'Redis',
    metadata: { name: 'sessions', namespace: 'nextcloud' },
    spec: { mode: 'persistent', memoryMi: 512, replicas: 3 },
  },
  bucket: {
    kind: 'Bucket',
    metadata: { name: 'photos', namespace: 'immich' },
    spec: {
      bucketName: 'immich-photos',
      quotaGi: 200,
      versioning: true,
      retentionDays: 30,
    },
  },
  'exposed-service': {
    kind: 'ExposedService',
    metadata: { name: 'jellyfin', namespace: 'media' },
    spec: {
      hostname: 'jellyfin.lab.local',
      serviceName: 'jellyfin',
      servicePort: 8096,
      allowedVlans: [30, 20],
    },
  },
  'keycloak-client': {
    kind: 'KeycloakClient',
    metadata: { name: 'wiki', namespace: 'kiwix' },
    spec: {
      clientId: 'kiwix',
      redirectUris: ['https://wiki.lab.local/oauth2/callback'],
    },
  },
};

const manifestOf = (promise: string, change: (r: any) => void = () => {}) => {
  const manifest = {
    apiVersion: API_VERSION,
    ...structuredClone(REQUESTS[promise]),
  };
  change(manifest);
  return manifest;
};

const promiseEntities = PROMISES.map(
  name =>
    entitiesForPromise(
      readHomelabPromise(name),
      {
        location: `url:https://git.lab.local/homelab/portal/promises/${name}/promise.yaml`,
      },
      {
        owner: 'group:default/admins',
        lifecycle: 'production',
        requestsPath: 'platform/requests',
        allowedHosts: [],
      },
    ).api,
);

/** Where the fake API serves each kind the pipelines output. */
const PLURALS: Record<string, string> = {
  ConfigMap: 'configmaps',
  Job: 'jobs',
  Service: 'services',
  StatefulSet: 'statefulsets',
  Ingress: 'ingresses',
  NetworkPolicy: 'networkpolicies',
  ...Object.fromEntries(
    fs
      .readdirSync(schemasDir)
      .filter(f => f.endsWith('.yaml'))
      .map(f => parse(fs.readFileSync(path.join(schemasDir, f), 'utf8')))
      .map(crd => [crd.spec.names.kind, crd.spec.names.plural]),
  ),
};

function objectPath(object: any): string {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  return `/${group ? `apis/${group}` : 'api'}/${version}/namespaces/${
    object.metadata.namespace
  }/${PLURALS[object.kind]}/${object.metadata.name}`;
}

const PENDING_ID = 'homelab-portal.io/kratix-request-id';

describe('requests through the homelab Promises, from pull request to Reconciled True', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let kube: FakeKubeApi;
  let kubeUrl: string;

  beforeAll(async () => {
    kube = homelabCluster(PROMISES);
    kubeUrl = await kube.start();
  });
  afterAll(async () => {
    await kube.stop();
  });

  /** Reads an object from the fake cluster as any client would. */
  async function inCluster(object: any): Promise<any> {
    const res = await fetch(`${kubeUrl}${objectPath(object)}`, {
      headers: { authorization: 'Bearer kube-token' },
    });
    return res.status === 200 ? res.json() : undefined;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let gitea: FakeGitea;
    let argocd: FakeArgoCd;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;
    let scheduler: any;
    let provider: KratixRequestProvider;
    let pending: Entity[] = [];
    const sent: NotificationSendOptions[] = [];
    // what ArgoCD manages in the requests folder, and in which sync state
    const managed = new Map<string, { manifest: any; status: string }>();

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      gitea = await startFakeGitea({
        owner: 'homelab',
        repo: 'gitops',
        token: 'gitea-token',
        labels: [],
      });
      argocd = new FakeArgoCd();
      const argoUrl = await argocd.start();
      scheduler = mockServices.scheduler();
      backend = await startTestBackend({
        features: [
          kratixPlugin,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: promiseEntities as any[] }),
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
      const port = (backend.server.address() as AddressInfo).port;
      provider = new KratixRequestProvider({
        discovery: {
          getBaseUrl: async () => `http://localhost:${port}/api/kratix`,
          getExternalBaseUrl: async () => '',
        },
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });
      await provider.connect({
        applyMutation: async (mutation: any) => {
          pending = mutation.entities.map((e: any) => e.entity);
        },
        refresh: async () => {},
      } as EntityProviderConnection);
    });
    afterAll(async () => {
      await backend.stop();
      await gitea.close();
      await argocd.stop();
    });

    const track = () => scheduler.triggerTask('kratix-requests-track');
    const get = async (id: string): Promise<KratixRequest> =>
      (
        await request(backend.server)
          .get(`/api/kratix/requests/${id}`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
    /** The catalog's pending entity of a request, after a provider run. */
    const pendingEntity = async (id: string) => {
      await provider.run();
      return pending.find(e => e.metadata.annotations?.[PENDING_ID] === id);
    };

    /** ArgoCD's Application for the requests folder, with what it manages. */
    function syncApplication() {
      argocd.set({
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
            status: [...managed.values()].every(r => r.status === 'Synced')
              ? 'Synced'
              : 'OutOfSync',
            revision: 'abc123',
          },
          resources: [...managed.values()].map(({ manifest, status }) => ({
            group: 'platform.lab.local',
            version: 'v1alpha1',
            kind: manifest.kind,
            namespace: manifest.metadata.namespace,
            name: manifest.metadata.name,
            status,
          })),
        },
      });
    }

    /**
     * What the template does: the request on a branch, its pull request,
     * then the request registered with the kratix backend.
     */
    async function requestThroughPortal(promise: string, manifest: any) {
      const { name, namespace } = manifest.metadata;
      const branch = `request/${promise}-${name}-${Date.now()}`;
      gitea.commit(
        branch,
        {
          [`platform/requests/${namespace}/${promise}-${name}.yaml`]:
            stringify(manifest),
        },
        `Request ${promise} ${namespace}/${name}`,
      );
      const pull = await (
        await fetch(`${gitea.baseUrl}/api/v1/repos/homelab/gitops/pulls`, {
          method: 'POST',
          headers: {
            authorization: 'token gitea-token',
            'content-type': 'application/json',
          },
          body: JSON.stringify({ head: branch, base: 'main', title: branch }),
        })
      ).json();
      const res = await request(backend.server)
        .post('/api/kratix/requests')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({
          promiseEntityRef: `api:default/${promise}-promise`,
          manifest,
          forge: 'gitea',
          pullRequestUrl: pull.html_url,
        });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, number: pull.number as number };
    }

    /** Merged, and ArgoCD applies it to the cluster. */
    async function mergeAndSync(
      pull: { id: string; number: number },
      manifest: any,
      emulator: KratixEmulator,
    ) {
      gitea.merge(pull.number);
      const key = `${manifest.kind}/${manifest.metadata.namespace}/${manifest.metadata.name}`;
      managed.set(key, { manifest, status: 'OutOfSync' });
      syncApplication();
      await track();
      expect((await get(pull.id)).state).toBe('merged');
      managed.set(key, { manifest, status: 'Synced' });
      syncApplication();
      emulator.sync();
    }

    it.each(PROMISES)(
      '%s: PR, merge, the pipeline output applied, Reconciled True, Ready',
      async promise => {
        const manifest = manifestOf(promise);
        const emulator = new KratixEmulator(kube, promise, manifest);
        const pull = await requestThroughPortal(promise, manifest);
        await track();
        expect((await get(pull.id)).state).toBe('pr-open');
        expect(await pendingEntity(pull.id)).toBeUndefined();

        gitea.merge(pull.number);
        const key = `${manifest.kind}/${manifest.metadata.namespace}/${manifest.metadata.name}`;
        managed.set(key, { manifest, status: 'OutOfSync' });
        syncApplication();
        await track();
        expect((await get(pull.id)).state).toBe('merged');
        // in the catalog from the merge on, owned by the requester
        const merged = await pendingEntity(pull.id);
        expect(merged?.spec).toEqual({
          type: 'kratix-request',
          owner: 'user:default/alice',
          dependsOn: [`api:default/${promise}-promise`],
        });
        expect(
          merged?.metadata.labels?.['homelab-portal.io/kratix-request-state'],
        ).toBe('merged');

        // ArgoCD syncs it: the request object is in the cluster, as its CRD allows
        managed.set(key, { manifest, status: 'Synced' });
        syncApplication();
        emulator.sync();
        await track();
        expect((await get(pull.id)).state).toBe('synced');

        // Kratix starts the configure workflow
        emulator.start();
        await track();
        const running = await get(pull.id);
        expect(running.state).toBe('synced');
        expect(running.kratix).toMatchObject({
          phase: 'waiting',
          reason: 'WorkflowPending',
          generation: 1,
        });
        expect(
          (await pendingEntity(pull.id))?.metadata.labels?.[
            'homelab-portal.io/kratix-request-state'
          ],
        ).toBe('waiting');

        // the Promise's real pipeline runs on the request as it is in the cluster
        const run = await emulator.runPipeline();
        expect(run.stderr).toEqual([]);
        expect(run.code).toBe(0);
        expect(run.documents.length).toBeGreaterThan(1);
        // its status.yaml is merged into the request's status, as Kratix does
        expect(emulator.current.status).toMatchObject(run.written!);
        expect(emulator.current.status.message).toBe(run.written!.message);
        await track();
        expect((await get(pull.id)).kratix).toMatchObject({
          phase: 'waiting',
          reason: 'WorksPending',
        });
        expect(await pendingEntity(pull.id)).toBeDefined();

        // the Works are applied: every document is in the cluster, valid per its schema
        emulator.applyWorks(run);
        // (the fake API does not serve NetworkPolicies: those pass the same
        // kubernetes-models check the pipelines make, and are kept aside)
        const served = run.documents.filter(d => d.kind !== 'NetworkPolicy');
        expect(emulator.notServed).toEqual(
          run.documents.filter(d => d.kind === 'NetworkPolicy'),
        );
        for (const document of served) {
          const object = await inCluster(document);
          expect(object?.spec ?? object?.data).toEqual(
            document.spec ?? document.data,
          );
        }
        await track();
        const done = await get(pull.id);
        expect(done.state).toBe('ready');
        expect(done.kratix).toMatchObject({
          phase: 'reconciled',
          reason: 'Reconciled',
        });
        expect(done.events.map(e => e.state)).toEqual([
          'pr-open',
          'merged',
          'synced',
          'ready',
        ]);
        expect(
          sent
            .filter(n => n.payload.link === `/kratix/requests/${pull.id}`)
            .map(n => n.payload.title),
        ).toEqual([`${manifest.kind} ${manifest.metadata.name} is ready`]);
        // Ready: gone from the catalog
        expect(await pendingEntity(pull.id)).toBeUndefined();

        emulator.remove(run);
      },
    );

    it('a request the pipeline refuses fails with ConfigureWorkflowFailed; Kratix retrying it on the same generation fails again, told once; a changed request replaces it', async () => {
      const bad = manifestOf('exposed-service', r => {
        r.metadata.name = 'photos-web';
        r.spec.hostname = 'photos.lab.local';
        r.spec.allowedVlans = [99]; // the schema allows it; the homelab has no VLAN 99
      });
      const emulator = new KratixEmulator(kube, 'exposed-service', bad);
      const pull = await requestThroughPortal('exposed-service', bad);
      await mergeAndSync(pull, bad, emulator);
      emulator.start();
      await track();
      expect(await pendingEntity(pull.id)).toBeDefined();

      const run = await emulator.runPipeline();
      expect(run.code).toBe(1);
      expect(run.stderr[0]).toMatch(
        /exposed-service pipeline failed, nothing written: .*VLAN 99 is not one of the homelab's/,
      );
      await track();
      const failure =
        'Kratix: ConfigureWorkflowFailed: A Configure Pipeline has failed: instance-configure';
      const failed = await get(pull.id);
      expect(failed.state).toBe('failed');
      expect(failed.reason).toBe(failure);
      expect(failed.kratix).toMatchObject({
        phase: 'failed',
        pipeline: 'instance-configure',
        generation: 1,
      });
      expect(failed.events.map(e => [e.state, e.message])).toEqual([
        ['pr-open', expect.stringMatching(/^Pull request opened/)],
        ['merged', expect.stringMatching(/^Pull request merged/)],
        ['synced', expect.stringMatching(/^ArgoCD synced it/)],
        ['failed', failure],
      ]);
      // nothing of it reached the cluster, and it left the catalog
      expect(
        await inCluster({
          apiVersion: 'networking.k8s.io/v1',
          kind: 'Ingress',
          metadata: { namespace: 'media', name: 'photos-web' },
        }),
      ).toBeUndefined();
      expect(await pendingEntity(pull.id)).toBeUndefined();

      // Kratix retries it on its reconciliation interval, same generation
      emulator.start();
      await track();
      const retrying = await get(pull.id);
      expect(retrying.state).toBe('failed');
      expect(retrying.reason).toBe(
        `Kratix is running the workflow again (WorkflowPending: Pipelines are still in progress); it failed before: ${failure}`,
      );
      expect((await emulator.runPipeline()).code).toBe(1);
      await track();
      await track();
      const again = await get(pull.id);
      expect(again.state).toBe('failed');
      expect(again.reason).toBe(failure);
      expect(again.events.filter(e => e.state === 'failed')).toHaveLength(1);
      const told = () =>
        sent
          .filter(n => n.payload.link === `/kratix/requests/${pull.id}`)
          .map(n => n.payload.title);
      expect(told()).toEqual(['ExposedService photos-web failed']);

      // a new request changes the spec: a new generation, which Kratix reconciles
      const fixed = manifestOf('exposed-service', r => {
        r.metadata.name = 'photos-web';
        r.spec.hostname = 'photos.lab.local';
        r.spec.allowedVlans = [30];
      });
      const second = await requestThroughPortal('exposed-service', fixed);
      // merged; ArgoCD applies it and Kratix starts its workflow at once
      gitea.merge(second.number);
      emulator.changeSpec(fixed.spec);
      emulator.start();
      await track();
      await track();
      // the failed one stops following: the failure stays its outcome
      const superseded = await get(pull.id);
      expect(superseded.state).toBe('failed');
      expect(superseded.reason).toBe(
        `${failure} (the request has changed since: Kratix runs generation 2, this one failed at 1)`,
      );
      const fixedRun = await emulator.runPipeline();
      expect(fixedRun.code).toBe(0);
      emulator.applyWorks(fixedRun);
      await track();
      expect((await get(second.id)).state).toBe('ready');
      expect((await get(pull.id)).state).toBe('failed');
      expect(told()).toEqual(['ExposedService photos-web failed']);
      emulator.remove(fixedRun);
    });

    it('a Job that failed before the pipeline ran is Ready when Kratix retries it', async () => {
      const manifest = manifestOf('keycloak-client', r => {
        r.metadata.name = 'paperless';
        r.metadata.namespace = 'paperless';
        r.spec.clientId = 'paperless';
        r.spec.redirectUris = [
          'https://paperless.lab.local/accounts/oidc/callback',
        ];
      });
      const emulator = new KratixEmulator(kube, 'keycloak-client', manifest);
      const pull = await requestThroughPortal('keycloak-client', manifest);
      await mergeAndSync(pull, manifest, emulator);
      emulator.start();
      emulator.jobFailed(); // e.g. the image could not be pulled
      await track();
      expect((await get(pull.id)).state).toBe('failed');

      emulator.start();
      const run = await emulator.runPipeline();
      expect(run.stderr).toEqual([]);
      expect(run.code).toBe(0);
      emulator.applyWorks(run);
      await track();
      const done = await get(pull.id);
      expect(done.state).toBe('ready');
      expect(done.events.map(e => e.state)).toEqual([
        'pr-open',
        'merged',
        'synced',
        'failed',
        'ready',
      ]);
      expect(done.events[4].message).toBe(
        'Kratix: Reconciled (when Kratix ran the workflow again)',
      );
      expect(
        sent
          .filter(n => n.payload.link === `/kratix/requests/${pull.id}`)
          .map(n => n.payload.title),
      ).toEqual([
        'KeycloakClient paperless failed',
        'KeycloakClient paperless is ready',
      ]);
      // once Ready, it is no longer followed
      await track();
      expect((await get(pull.id)).events).toHaveLength(5);
      emulator.remove(run);
    });
  });
});
