import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
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
    const events = await history.since(new Date('2026-11-01T00:00:00Z'));
    expect(events.map(e => [e.status, e.startsAt])).toEqual([
      ['firing', '2026-11-20T10:00:00.000Z'],
      ['resolved', '2026-11-20T10:00:00.000Z'],
      ['firing', '2026-11-21T10:00:00.000Z'],
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
    const [stored] = await history.since(new Date(0));
    expect(stored.labels).toEqual(labels);
  });

  it('prunes history older than the retention', async () => {
    const history = await store();
    await history.record([
      event({ fingerprint: '01', startsAt: '2026-01-01T00:00:00Z' }),
      event({ fingerprint: '02', startsAt: '2026-11-01T00:00:00Z' }),
    ]);
    expect(await history.prune(new Date('2026-06-01T00:00:00Z'))).toBe(1);
    expect((await history.since(new Date(0))).map(e => e.fingerprint)).toEqual([
      '02',
    ]);
  });

  it('records a large batch in one call', async () => {
    const history = await store();
    const many = Array.from({ length: 1234 }, (_, i) =>
      event({ fingerprint: i.toString(16) }),
    );
    expect(await history.record(many)).toBe(1234);
    expect(await history.record(many)).toBe(0);
  });
});
