import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import alertsPlugin from '@homelab-portal/plugin-alerts-backend';
import backupsPlugin from '@homelab-portal/plugin-backups-backend';
import cyberneticsPlugin from '@homelab-portal/plugin-cybernetics-backend';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import energyPlugin from '@homelab-portal/plugin-energy-backend';
import { seedCatalog } from '@homelab-portal/test-utils';
import request from 'supertest';

jest.setTimeout(120_000);

const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ send: async () => {} }),
});

describe('the cybernetic loop with no upstreams configured', () => {
  it("runs on the other plugins' demo sources, and says so", async () => {
    const scheduler: any = mockServices.scheduler();
    const { server } = await startTestBackend({
      features: [
        scheduler.factory({ skipTaskRunOnStartup: true }),
        cyberneticsPlugin,
        alertsPlugin,
        energyPlugin,
        backupsPlugin,
        notifications,
        catalogServiceMock.factory({ entities: seedCatalog() }),
      ],
    });
    await scheduler.triggerTask('cybernetics-loop');
    const auth = mockCredentials.user.header();
    const loop = await request(server)
      .get('/api/cybernetics/loop')
      .set('Authorization', auth);
    expect(loop.body.source).toBe('demo');
    expect(loop.body.sense.alerts).toBeGreaterThan(0);
    expect(loop.body.sense.backups).toBeGreaterThan(0);
    expect(loop.body.sense.energy).toBeGreaterThan(0);
    // this test backend has no Kubernetes plugin (it cannot run under jest),
    // which the loop says once
    expect(loop.body.warnings).toEqual([
      'kubernetes: the Kubernetes plugin is not installed in this backend (404), so workload state is not sensed',
    ]);
    const decisions: Decision[] = (
      await request(server)
        .get('/api/cybernetics/decisions')
        .set('Authorization', auth)
    ).body.items;
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.every(d => d.source === 'demo')).toBe(true);
    expect(loop.body.analyse.findings).toBe(decisions.length);
    // a second cycle folds the same findings into the same decisions
    await scheduler.triggerTask('cybernetics-loop');
    const again: Decision[] = (
      await request(server)
        .get('/api/cybernetics/decisions')
        .set('Authorization', auth)
    ).body.items;
    expect(again.map(d => d.id).sort()).toEqual(
      decisions.map(d => d.id).sort(),
    );
  });
});

describe('the cybernetic loop on two replicas', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'runs once per period across both, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const replica = () =>
        startTestBackend({
          features: [
            schedulerServiceFactory,
            cyberneticsPlugin,
            notifications,
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({ entities: [] }),
            mockServices.rootConfig.factory({
              data: {
                cybernetics: {
                  schedule: {
                    frequency: { seconds: 2 },
                    timeout: { seconds: 30 },
                  },
                  timeoutSeconds: 2,
                },
              },
            }),
          ],
        });
      // one after the other, as a rolling deployment starts them
      const a = await replica();
      const b = await replica();
      await new Promise(r => setTimeout(r, 12_000));
      await Promise.all([a.stop(), b.stop()]);
      const cycles = await knex('cyber_cycles').orderBy('started_at', 'asc');
      // Each replica alone would run about 6 cycles in 12 s; together they
      // still run one per period, never two at once.
      expect(cycles.length).toBeGreaterThanOrEqual(3);
      expect(cycles.length).toBeLessThanOrEqual(7);
      for (let i = 1; i < cycles.length; i++) {
        const gap =
          Date.parse(cycles[i].started_at) -
          Date.parse(cycles[i - 1].started_at);
        expect(gap).toBeGreaterThanOrEqual(1500);
      }
    },
  );
});
