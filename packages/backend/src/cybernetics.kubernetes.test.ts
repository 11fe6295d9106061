import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import express from 'express';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import cyberneticsPlugin from '@homelab-portal/plugin-cybernetics-backend';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import { seedCatalog } from '@homelab-portal/test-utils';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Pod } from 'kubernetes-models/v1';
import request from 'supertest';

jest.setTimeout(60_000);

const labels = { 'backstage.io/kubernetes-id': 'jellyfin', app: 'jellyfin' };

function pod(name: string, ready: boolean, crashLooping: boolean) {
  const object = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'media', labels },
    spec: {
      containers: [{ name: 'jellyfin', image: 'jellyfin/jellyfin:10.10' }],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'jellyfin',
          image: 'jellyfin/jellyfin:10.10',
          imageID: '',
          ready,
          restartCount: crashLooping ? 7 : 0,
          state: crashLooping
            ? {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: 'back-off 5m0s restarting failed container',
                },
              }
            : { running: { startedAt: '2026-11-25T10:00:00Z' } },
        },
      ],
    },
  };
  new Pod(object as any).validate();
  return object;
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'jellyfin', namespace: 'media', labels },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'jellyfin' } },
    template: {
      metadata: { labels },
      spec: {
        containers: [{ name: 'jellyfin', image: 'jellyfin/jellyfin:10.10' }],
      },
    },
  },
  status: { replicas: 2, readyReplicas: 1, availableReplicas: 1 },
};
new Deployment(deployment as any).validate();

/**
 * The Kubernetes plugin's workloads API (POST /resources/workloads/query),
 * answering with its own response type (ObjectsByEntityResponse) from pods
 * and deployments checked against Kubernetes' schemas. The real Kubernetes
 * backend cannot run under jest here: it imports @kubernetes/client-node
 * dynamically, which jest refuses without --experimental-vm-modules.
 */
const fakeKubernetesPlugin = (objects: { pods: any[]; deployments: any[] }) =>
  createBackendPlugin({
    pluginId: 'kubernetes',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = express.Router();
          router.use(express.json());
          router.post('/resources/workloads/query', async (req, res) => {
            await httpAuth.credentials(req, { allow: ['service'] });
            const id =
              req.body.entityRef === 'component:default/jellyfin'
                ? 'jellyfin'
                : undefined;
            const select = (list: any[]) =>
              list.filter(
                o =>
                  id &&
                  o.metadata.labels?.['backstage.io/kubernetes-id'] === id,
              );
            const body: ObjectsByEntityResponse = {
              items: [
                {
                  cluster: { name: 'homelab' },
                  resources: [
                    { type: 'pods', resources: select(objects.pods) },
                    {
                      type: 'deployments',
                      resources: select(objects.deployments),
                    },
                    { type: 'services', resources: [] },
                  ],
                  podMetrics: [],
                  errors: [],
                },
              ],
            };
            res.json(body);
          });
          httpRouter.use(router);
        },
      });
    },
  });

describe("the cybernetic loop senses Kubernetes workloads through the Kubernetes plugin's API", () => {
  it('finds a crash-looping service, with the pods as evidence', async () => {
    const scheduler: any = mockServices.scheduler();
    const { server } = await startTestBackend({
      features: [
        scheduler.factory({ skipTaskRunOnStartup: true }),
        cyberneticsPlugin,
        fakeKubernetesPlugin({
          pods: [
            pod('jellyfin-0', true, false),
            pod('jellyfin-1', false, true),
          ],
          deployments: [deployment],
        }),
        catalogServiceMock.factory({ entities: seedCatalog() }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });
    await scheduler.triggerTask('cybernetics-loop');
    const auth = mockCredentials.user.header();
    const loop = await request(server)
      .get('/api/cybernetics/loop')
      .set('Authorization', auth);
    expect(loop.body.sense.kubernetes).toBeGreaterThanOrEqual(1);
    const decisions: Decision[] = (
      await request(server)
        .get('/api/cybernetics/decisions?policy=workload-degraded')
        .set('Authorization', auth)
    ).body.items;
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      entityRef: 'component:default/jellyfin',
      state: 'observed',
      source: 'live',
      title: 'jellyfin is degraded in homelab',
    });
    expect(decisions[0].evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'Pods ready', value: '1 of 2' }),
        { label: 'Replicas available', value: '1 of 2' },
        { label: 'Crash-looping containers', value: '1 (7 restarts)' },
      ]),
    );
    // only jellyfin's pods match: the other services have none, so no finding
    expect(
      loop.body.warnings.filter((w: string) => w.startsWith('kubernetes')),
    ).toEqual([]);
  });
});
