import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { AlertEvent } from '@homelab-portal/plugin-alerts-common';
import { HistoryStore } from './HistoryStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create();
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00.000Z');

/** A small deterministic random source (the same events on every run). */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
}

/**
 * Deliveries as Alertmanager and the poll make them: firings and their
 * resolutions of 6 series on 2 alertmanagers over 10 days, in any order,
 * some twice, some resolutions without their firing, some "resolved" before
 * they started (a clock off), and firings and resolutions in one batch.
 */
function deliveries(seed: number): AlertEvent[][] {
  const r = random(seed);
  const events: AlertEvent[] = [];
  for (let i = 0; i < 120; i++) {
    const fingerprint = `f${r(6)}`;
    const startsAt = new Date(T0 + r(10 * 24) * 3_600_000 + r(60) * 60_000);
    const base = {
      alertmanager: r(4) === 0 ? 'lab-b' : 'lab',
      fingerprint,
      alertname: 'NodeDown',
      severity: 'critical',
      labels: { alertname: 'NodeDown', fp: fingerprint },
      startsAt: startsAt.toISOString(),
      receivedAt: startsAt.toISOString(),
      via: 'webhook' as const,
    };
    if (r(5) !== 0) events.push({ ...base, status: 'firing', endsAt: null });
    if (r(3) !== 0) {
      const took = (r(7) === 0 ? -1 : 1) * (r(3 * 3600) + 0.25) * 1000;
      events.push({
        ...base,
        status: 'resolved',
        endsAt: new Date(startsAt.getTime() + took).toISOString(),
      });
    }
  }
  // shuffled, a few delivered twice, in batches of 1 to 9
  const shuffled = events
    .flatMap(e => (r(6) === 0 ? [e, e] : [e]))
    .map(e => ({ e, k: r(1000) }))
    .sort((a, b) => a.k - b.k)
    .map(({ e }) => e);
  const batches: AlertEvent[][] = [];
  for (let i = 0; i < shuffled.length; ) {
    const n = 1 + r(9);
    batches.push(shuffled.slice(i, i + n));
    i += n;
  }
  return batches;
}

/** What the figures must be, worked out from the deliveries alone. */
function expected(
  batches: AlertEvent[][],
  fingerprints: string[],
  since: number,
  kept = 0,
) {
  const stored = new Map<string, AlertEvent>();
  for (const e of batches.flat()) {
    const key = [e.alertmanager, e.fingerprint, e.startsAt, e.status].join();
    if (!stored.has(key)) stored.set(key, e);
  }
  const inWindow = [...stored.values()].filter(
    e =>
      fingerprints.includes(e.fingerprint) &&
      Date.parse(e.startsAt) >= Math.max(since, kept),
  );
  const firings = new Map<string, number | null>();
  for (const e of inWindow) {
    const key = [e.alertmanager, e.fingerprint, e.startsAt].join();
    const took =
      e.status === 'resolved'
        ? (Date.parse(e.endsAt!) - Date.parse(e.startsAt)) / 1000
        : null;
    firings.set(key, firings.get(key) ?? took);
  }
  const took = [...firings.values()].filter(
    (s): s is number => s !== null && s >= 0,
  );
  return {
    total: inWindow.length,
    firings30d: firings.size,
    mttrSeconds:
      took.length === 0
        ? null
        : Math.round((took.reduce((a, b) => a + b, 0) / took.length) * 1000) /
          1000,
  };
}

async function figures(
  history: HistoryStore,
  fingerprints: string[],
  since: number,
) {
  const [stats, page] = await Promise.all([
    history.stats(fingerprints, new Date(since), new Date(since)),
    history.page({ fingerprints, since: new Date(since), limit: 5 }),
  ]);
  return {
    total: page.total,
    firings30d: stats.firings30d,
    mttrSeconds: stats.mttrSeconds,
  };
}

// windows that start before all, on a day's first millisecond, early in a
// day (its first hours are taken off the day) and late in one (its last
// hours are added to the days after), and just either side of noon
const windows = [
  T0 - DAY,
  T0 + 3 * DAY,
  T0 + 2 * DAY + 5 * 3_600_000 + 17_000,
  T0 + 7 * DAY + 20 * 3_600_000,
  T0 + 4.5 * DAY - 1234,
  T0 + 4.5 * DAY + 1234,
  T0 + 9 * DAY,
];
const sets = [['f0'], ['f1', 'f2', 'f3'], ['f0', 'f1', 'f2', 'f3', 'f4', 'f5']];

describe.each(databases.eachSupportedId())(
  'History figures by day on %p',
  databaseId => {
    it('add up, window by window, to what the events say, however they were delivered', async () => {
      const knex = await databases.init(databaseId);
      const history = await HistoryStore.create(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
      const batches = deliveries(7);
      for (const batch of batches) await history.record(batch);
      for (const since of windows) {
        for (const fingerprints of sets) {
          expect({
            since: new Date(since).toISOString(),
            fingerprints,
            ...(await figures(history, fingerprints, since)),
          }).toEqual({
            since: new Date(since).toISOString(),
            fingerprints,
            ...expected(batches, fingerprints, since),
          });
        }
      }
      // pruned in the middle of a day: that day is counted again
      const before = T0 + 4 * DAY + 7 * 3_600_000;
      await history.prune(new Date(before));
      for (const since of windows) {
        expect(await figures(history, sets[2], since)).toEqual(
          expected(batches, sets[2], since, before),
        );
      }
    });

    it('are filled from the events stored before they existed', async () => {
      const knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@homelab-portal/plugin-alerts-backend',
        'migrations',
      );
      const history = await HistoryStore.create(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
      const batches = deliveries(11);
      for (const batch of batches) await history.record(batch);
      // back to before alert_daily, keeping the events; then forward again
      await knex.migrate.down({
        directory,
        name: '20261202000000_alert_daily.js',
      });
      expect(await knex.schema.hasTable('alert_daily')).toBe(false);
      await knex.migrate.latest({ directory });
      for (const since of windows) {
        expect(await figures(history, sets[2], since)).toEqual(
          expected(batches, sets[2], since),
        );
      }
    });
  },
);
