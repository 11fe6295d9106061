import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { AlertEvent } from '@homelab-portal/plugin-alerts-common';
import { HistoryStore } from './HistoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

function event(overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    alertmanager: 'lab',
    fingerprint: 'a1b2c3',
    alertname: 'NodeDown',
    severity: 'critical',
    labels: { alertname: 'NodeDown', node: 'sff-1' },
    status: 'firing',
    startsAt: '2026-11-20T10:00:00Z',
    endsAt: null,
    receivedAt: '2026-11-20T10:00:05Z',
    via: 'webhook',
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('HistoryStore on %p', databaseId => {
  async function store() {
    const knex = await databases.init(databaseId);
    return HistoryStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
  }

  it('migrates down and up again', async () => {
    const knex = await databases.init(databaseId);
    await HistoryStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    const directory = resolvePackagePath(
      '@homelab-portal/plugin-alerts-backend',
      'migrations',
    );
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('alert_events')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('alert_events')).toBe(true);
  });

  it('stores each transition once, however often it is delivered', async () => {
    const history = await store();
    expect(await history.record([event()])).toBe(1);
    // redelivery, with a different timestamp format for the same instant
    expect(
      await history.record([
        event({
          startsAt: '2026-11-20T11:00:00+01:00',
          receivedAt: '2026-11-20T10:01:00Z',
        }),
      ]),
    ).toBe(0);
    expect(
      await history.record([
        event({ status: 'resolved', endsAt: '2026-11-20T10:30:00Z' }),
        event({ status: 'resolved', endsAt: '2026-11-20T10:30:00Z' }),
      ]),
    ).toBe(1);
    expect(
      await history.record([event({ startsAt: '2026-11-21T10:00:00Z' })]),
    ).toBe(1);
    expect(await history.count()).toBe(3);
    const { events } = await history.page({
      fingerprints: ['a1b2c3'],
      since: new Date('2026-11-01T00:00:00Z'),
      limit: 10,
    });
    expect(events.map(e => [e.status, e.startsAt])).toEqual([
      ['firing', '2026-11-21T10:00:00.000Z'],
      ['resolved', '2026-11-20T10:00:00.000Z'],
      ['firing', '2026-11-20T10:00:00.000Z'],
    ]);
    expect(events[0].labels).toEqual({ alertname: 'NodeDown', node: 'sff-1' });
  });

  it('keeps labels with any characters intact', async () => {
    const history = await store();
    const labels = {
      alertname: "x'; DROP TABLE alert_events; --",
      note: 'ü "quoted" \\ back',
    };
    await history.record([event({ labels, fingerprint: 'ff' })]);
    const {
      events: [stored],
    } = await history.page({
      fingerprints: ['ff'],
      since: new Date(0),
      limit: 1,
    });
    expect(stored.labels).toEqual(labels);
  });

  it('prunes history older than the retention', async () => {
    const history = await store();
    await history.record([
      event({ fingerprint: '01', startsAt: '2026-01-01T00:00:00Z' }),
      event({ fingerprint: '02', startsAt: '2026-11-01T00:00:00Z' }),
    ]);
    expect(await history.prune(new Date('2026-06-01T00:00:00Z'))).toBe(1);
    const { series } = await history.series(new Date(0), 10);
    expect(series.map(e => e.fingerprint)).toEqual(['02']);
  });

  it('records a large batch in one call', async () => {
    const history = await store();
    const many = Array.from({ length: 1234 }, (_, i) =>
      event({ fingerprint: i.toString(16) }),
    );
    expect(await history.record(many)).toBe(1234);
    expect(await history.record(many)).toBe(0);
  });

  it("pages a series' events newest first, with a cursor and the total", async () => {
    const history = await store();
    const hours = Array.from({ length: 7 }, (_, i) =>
      new Date(Date.UTC(2026, 10, 20, i)).toISOString(),
    );
    await history.record(hours.map(startsAt => event({ startsAt })));
    await history.record([event({ fingerprint: 'other' })]);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await history.page({
        fingerprints: ['a1b2c3'],
        since: new Date('2026-11-20T01:00:00Z'),
        limit: 4,
        cursor,
      });
      expect(page.total).toBe(6);
      expect(page.events.length).toBeLessThanOrEqual(4);
      seen.push(...page.events.map(e => e.startsAt));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toEqual(hours.slice(1).reverse());
    await expect(
      history.page({
        fingerprints: ['a1b2c3'],
        since: new Date(0),
        limit: 4,
        cursor: 'bm90IGEgY3Vyc29y',
      }),
    ).rejects.toThrow(/cursor/);
  });

  it('pages the same whether it reads per series or back in time', async () => {
    // 150 series x 41 rows is over the per-series budget (5,000 index
    // entries), so PostgreSQL walks back in time; 10 series read per series.
    // Both must give the same pages as sorting every event.
    const history = await store();
    const hostile = ['a,b', '{c}', 'd"e', 'f\\g', 'NULL', "h'i"];
    const fingerprints = [
      ...hostile,
      ...Array.from({ length: 144 }, (_, i) => `s${i}`),
    ];
    const all: AlertEvent[] = [];
    fingerprints.forEach((fingerprint, n) => {
      // the first 12 fire at one instant: more ties than a page holds
      if (n < 12)
        all.push(event({ fingerprint, startsAt: '2026-11-20T20:30:00.000Z' }));
      for (let k = 0; k < 3; k++) {
        // some firings share a start too: the id breaks the tie
        const startsAt = new Date(
          Date.UTC(2026, 10, 20, (n * 7 + k * 11) % 24, n % 3),
        ).toISOString();
        all.push(event({ fingerprint, startsAt }));
        if ((n + k) % 2 === 0) {
          all.push(
            event({
              fingerprint,
              startsAt,
              status: 'resolved',
              endsAt: new Date(Date.parse(startsAt) + 60_000).toISOString(),
            }),
          );
        }
      }
    });
    // stored in shuffled order, so ids do not follow the start times
    const shuffled = [...all].sort(
      (a, b) =>
        ((a.fingerprint.length * 31 + a.startsAt.charCodeAt(12)) % 7) -
        ((b.fingerprint.length * 31 + b.startsAt.charCodeAt(12)) % 7),
    );
    await history.record(shuffled);
    const readAll = async (asked: string[], limit: number) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await history.page({
          fingerprints: asked,
          since: new Date('2026-11-20T00:00:00Z'),
          limit,
          cursor,
        });
        seen.push(
          ...page.events.map(e => `${e.startsAt} ${e.fingerprint} ${e.status}`),
        );
        cursor = page.nextCursor ?? undefined;
        if (!cursor) break;
      }
      return seen;
    };
    const expected = (asked: string[]) =>
      all
        .filter(e => asked.includes(e.fingerprint))
        .map(e => `${e.startsAt} ${e.fingerprint} ${e.status}`)
        .sort()
        .reverse();
    const sameStart = (list: string[]) => list.map(line => line.split(' ')[0]);
    for (const [asked, limit] of [
      [fingerprints, 40],
      [fingerprints.slice(0, 10), 7],
      [hostile, 5],
    ] as const) {
      const seen = await readAll([...asked], limit);
      // every event once, newest first (ties in any order, but each once)
      expect(seen).toHaveLength(expected([...asked]).length);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...expected([...asked])].sort());
      expect(sameStart(seen)).toEqual(sameStart(expected([...asked])));
    }
    // a quoted "NULL" is the fingerprint NULL, not a null
    const nullPage = await history.page({
      fingerprints: ['NULL'],
      since: new Date(0),
      limit: 50,
    });
    expect(nullPage.events.every(e => e.fingerprint === 'NULL')).toBe(true);
    expect(nullPage.events.length).toBeGreaterThan(0);
  });

  it("shows its own writes at once and another replica's within 10 s", async () => {
    const knex = await databases.init(databaseId);
    let now = Date.parse('2026-11-20T12:00:00Z');
    const here = await HistoryStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
      { now: () => now },
    );
    const there = await HistoryStore.create(
      mockServices.database({ knex, migrations: { skip: true } }),
    );
    const since = new Date('2026-11-01T00:00:00Z');
    const names = async () =>
      (await here.series(since, 100)).series.map(s => s.fingerprint).sort();
    expect(await names()).toEqual([]);
    await here.record([event({ fingerprint: 'own' })]);
    expect(await names()).toEqual(['own']);
    await there.record([event({ fingerprint: 'theirs' })]);
    // within 2 s: the list as read
    now += 1_500;
    expect(await names()).toEqual(['own']);
    // after 2 s: still served, while a new read runs behind it
    now += 1_000;
    expect(await names()).toEqual(['own']);
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(await names()).toEqual(['own', 'theirs']);
    // past 10 s, a read waits for the list
    await there.record([event({ fingerprint: 'later' })]);
    now += 10_001;
    expect(await names()).toEqual(['later', 'own', 'theirs']);
  });

  it('computes firings, mean time to resolve and the last firing in SQL', async () => {
    const history = await store();
    const at = (t: string) => `2026-11-20T${t}Z`;
    await history.record([
      // resolved after 10 minutes
      event({ fingerprint: 'a1', startsAt: at('10:00:00') }),
      event({
        fingerprint: 'a1',
        startsAt: at('10:00:00'),
        status: 'resolved',
        endsAt: at('10:10:00'),
      }),
      // resolved after 20 minutes and 0.5 s, heard of only at its end
      event({
        fingerprint: 'a1',
        startsAt: at('12:00:00'),
        status: 'resolved',
        endsAt: at('12:20:00.500'),
      }),
      // still firing
      event({ fingerprint: 'b2', startsAt: at('14:00:00') }),
      // another series, not asked for
      event({ fingerprint: 'c3', startsAt: at('15:00:00') }),
      // before the window
      event({ fingerprint: 'a1', startsAt: '2026-10-01T00:00:00Z' }),
    ]);
    expect(
      await history.stats(
        ['a1', 'b2'],
        new Date('2026-11-01T00:00:00Z'),
        new Date('2026-11-01T00:00:00Z'),
      ),
    ).toEqual({
      lastFiredAt: '2026-11-20T14:00:00.000Z',
      firings30d: 3,
      mttrSeconds: 900.25,
    });
    expect(await history.stats(['zz'], new Date(0), new Date(0))).toEqual({
      lastFiredAt: null,
      firings30d: 0,
      mttrSeconds: null,
    });
    const { series, truncated } = await history.series(
      new Date('2026-11-01T00:00:00Z'),
      2,
    );
    expect(series.map(s => s.fingerprint)).toEqual(['c3', 'b2']);
    expect(truncated).toBe(true);
    expect(
      (await history.openFirings(new Date('2026-11-01T00:00:00Z'), 10)).map(
        e => e.fingerprint,
      ),
    ).toEqual(['b2', 'c3']);
  });

  it('keeps one row per series: the labels and start of its latest firing, in whatever order events arrive', async () => {
    const knex = await databases.init(databaseId);
    const history = await HistoryStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    await history.record([
      event({ fingerprint: 'a1', startsAt: '2026-11-20T10:00:00Z' }),
      // the same series twice in one batch
      event({
        fingerprint: 'a1',
        startsAt: '2026-11-21T10:00:00Z',
        labels: { alertname: 'NodeDown', node: 'sff-1', later: 'yes' },
      }),
      event({ fingerprint: 'b2', startsAt: '2026-11-19T10:00:00Z' }),
    ]);
    // an older firing heard of late (the poll) does not move the series back
    await history.record([
      event({ fingerprint: 'a1', startsAt: '2026-11-01T10:00:00Z' }),
    ]);
    // a redelivery changes nothing
    await history.record([
      event({ fingerprint: 'b2', startsAt: '2026-11-19T10:00:00Z' }),
    ]);
    expect(
      await knex('alert_series')
        .select('fingerprint', 'last_starts_at')
        .orderBy('fingerprint'),
    ).toEqual([
      { fingerprint: 'a1', last_starts_at: '2026-11-21T10:00:00.000Z' },
      { fingerprint: 'b2', last_starts_at: '2026-11-19T10:00:00.000Z' },
    ]);
    const { series } = await history.series(
      new Date('2026-11-20T00:00:00Z'),
      10,
    );
    expect(series).toEqual([
      {
        fingerprint: 'a1',
        labels: { alertname: 'NodeDown', node: 'sff-1', later: 'yes' },
      },
    ]);
    expect(
      (
        await history.stats(
          ['a1', 'b2'],
          new Date('2026-11-01T00:00:00Z'),
          new Date('2026-11-01T00:00:00Z'),
        )
      ).lastFiredAt,
    ).toBe('2026-11-21T10:00:00.000Z');
  });

  it('fills the series from the events stored before the series existed', async () => {
    const knex = await databases.init(databaseId);
    const directory = resolvePackagePath(
      '@homelab-portal/plugin-alerts-backend',
      'migrations',
    );
    for (const name of [
      '20261125000000_alert_events.js',
      '20261201000000_alert_events_fingerprint.js',
    ]) {
      await knex.migrate.up({ directory, name });
    }
    const row = (fingerprint: string, startsAt: string, status: string) => ({
      alertmanager: 'lab',
      fingerprint,
      alertname: 'NodeDown',
      severity: 'critical',
      labels: JSON.stringify({ alertname: 'NodeDown', fp: fingerprint }),
      status,
      starts_at: startsAt,
      ends_at: status === 'resolved' ? startsAt : null,
      received_at: startsAt,
      via: 'webhook',
    });
    await knex('alert_events').insert([
      row('a1', '2026-11-20T10:00:00.000Z', 'firing'),
      row('a1', '2026-11-20T10:00:00.000Z', 'resolved'),
      row('a1', '2026-11-22T10:00:00.000Z', 'firing'),
      row('b2', '2026-11-21T10:00:00.000Z', 'firing'),
    ]);
    const history = await HistoryStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    const { series } = await history.series(new Date(0), 10);
    expect(series).toEqual([
      { fingerprint: 'a1', labels: { alertname: 'NodeDown', fp: 'a1' } },
      { fingerprint: 'b2', labels: { alertname: 'NodeDown', fp: 'b2' } },
    ]);
    expect(await history.stats(['a1'], new Date(0), new Date(0))).toMatchObject(
      { lastFiredAt: '2026-11-22T10:00:00.000Z', firings30d: 2 },
    );
  });
});
