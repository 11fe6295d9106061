import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DrillResult } from '@homelab-portal/plugin-backups-common';
import { DrillStore } from './DrillStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

const drill = (overrides: Partial<DrillResult> = {}): DrillResult => ({
  id: 'velero:homelab/drill-1',
  entityRef: 'component:default/keycloak',
  tool: 'velero',
  target: 'drill-1',
  source: 'keycloak-hourly-20261201',
  scratch: 'drill-1-scratch',
  status: 'running',
  startedAt: '2026-12-01T11:58:00Z',
  finishedAt: null,
  durationSeconds: null,
  checks: [],
  ...overrides,
});

describe.each(databases.eachSupportedId())('DrillStore on %p', databaseId => {
  async function store() {
    const knex = await databases.init(databaseId);
    return {
      knex,
      drills: await DrillStore.create(
        mockServices.database({ knex, migrations: { skip: false } }),
      ),
    };
  }

  it('migrates down and up again', async () => {
    const { knex } = await store();
    const directory = resolvePackagePath(
      '@homelab-portal/plugin-backups-backend',
      'migrations',
    );
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('restore_drills')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('restore_drills')).toBe(true);
  });

  it('updates a running drill until it ends, then keeps its result', async () => {
    const { drills } = await store();
    await drills.save(drill());
    await drills.save(drill({ checks: ['Waiting: keycloak 0/1 Ready'] }));
    expect((await drills.get('velero:homelab/drill-1'))!.checks).toEqual([
      'Waiting: keycloak 0/1 Ready',
    ]);
    await drills.save(
      drill({
        status: 'verified',
        finishedAt: '2026-12-01T12:02:12+00:00',
        durationSeconds: 252.5,
        checks: ['ok'],
      }),
    );
    // a late poll cannot turn a verified drill back into a running one
    await drills.save(drill({ status: 'failed', checks: ['late'] }));
    expect(await drills.get('velero:homelab/drill-1')).toEqual(
      drill({
        status: 'verified',
        startedAt: '2026-12-01T11:58:00.000Z',
        finishedAt: '2026-12-01T12:02:12.000Z',
        durationSeconds: 252.5,
        checks: ['ok'],
      }),
    );
  });

  it('lists the newest first, per entity, bounded', async () => {
    const { drills } = await store();
    for (let i = 0; i < 12; i++) {
      await drills.save(
        drill({
          id: `velero:homelab/d-${i}`,
          entityRef: i % 2 ? 'component:default/a' : 'component:default/b',
          startedAt: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
        }),
      );
    }
    const a = await drills.list({ entityRef: 'component:default/a', limit: 3 });
    expect(a.map(d => d.id)).toEqual([
      'velero:homelab/d-11',
      'velero:homelab/d-9',
      'velero:homelab/d-7',
    ]);
    expect(await drills.list({ limit: 100_000 })).toHaveLength(12);
    expect(await drills.running()).toHaveLength(12);
  });
});
