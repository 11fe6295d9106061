import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Signal } from '@homelab-portal/plugin-cybernetics-common';
import { DEFAULT_POLICIES, Policy } from './analyse/policies';
import { DecisionStore } from './database/DecisionStore';
import { ActionPlanner } from './decide/ActionPlanner';
import { Loop } from './Loop';

const certAlert: Signal = {
  kind: 'alert',
  source: 'live',
  entityRef: 'component:default/grafana',
  alertmanager: 'lab',
  alertname: 'CertExpiring',
  severity: 'warning',
  fingerprint: 'c1',
  labels: { alertname: 'CertExpiring', certificate: 'grafana-tls' },
  annotations: {},
  startsAt: '2026-11-25T10:00:00Z',
  suppressed: false,
};
const diskAlert: Signal = {
  ...certAlert,
  alertname: 'DiskFull',
  entityRef: 'resource:default/sff-1',
  labels: { alertname: 'DiskFull', node: 'sff-1' },
} as Signal;

describe('Loop autonomy', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('carries out only low-risk, allow-listed actions on its own; the rest waits for a person', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DecisionStore.create({
      getClient: async () => knex,
    } as any);
    const started: string[] = [];
    const act = (id: string): Policy => ({
      ...DEFAULT_POLICIES.find(p => p.id === id)!,
      autonomy: 'act',
    });
    // a configured policy that silences, and one whose change is a file edit
    const certSilence: Policy = {
      ...act('cert-expiring'),
      action: {
        type: 'silence',
        title: 'Silence for 24 hours',
        durationMinutes: 1440,
      },
    };
    const lokiRetention: Policy = {
      ...act('disk-full'),
      action: {
        type: 'gitops-change',
        title: 'Shorten Loki retention to 72h',
        file: 'platform/loki/values.yaml',
        set: { 'loki.limits_config.retention_period': '72h' },
      },
    };
    let signals: Signal[] = [certAlert, diskAlert];
    const loop = new Loop({
      store,
      reader: {
        read: async () => ({
          signals,
          counts: { alerts: signals.length },
          source: 'live',
          warnings: [],
        }),
      } as any,
      planner: new ActionPlanner({
        readRepoFile: async () => null,
        promiseDefinition: async () => undefined,
      }),
      executor: {
        start: async (decision: any) => {
          started.push(decision.action.type);
          return { done: true, note: 'Silence s-1 created' };
        },
        taskState: async () => ({ state: 'running' }),
      } as any,
      forge: {} as any,
      catalog: catalogServiceMock(),
      notifications: { send: async () => {} },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      policies: [certSilence, lokiRetention],
      autoActAllow: ['silence'],
      verifyDelaySeconds: 0,
      verifyTimeoutSeconds: 600,
    });
    await loop.cycle();
    const [cert] = await store.list({ policy: 'cert-expiring' });
    expect(cert.state).toBe('executed');
    expect(cert.audit.map(a => [a.actor, a.to])).toEqual([
      ['cybernetics', 'proposed'],
      ['cybernetics', 'approved'],
      ['cybernetics', 'executed'],
    ]);
    expect(cert.audit[1].note).toMatch(/Auto-approved/);
    // a GitOps change is not on the allow-list: it waits, even with autonomy act
    const [disk] = await store.list({ policy: 'disk-full' });
    expect(disk.state).toBe('proposed');
    expect(started).toEqual(['silence']);

    // The alert goes away: the silence is verified, the other resolves itself.
    signals = [];
    await loop.cycle();
    expect((await store.get(cert.id))!.state).toBe('verified');
    expect((await store.get(disk.id))!.state).toBe('resolved');
    expect((await store.get(disk.id))!.audit.at(-1)!.note).toMatch(
      /recovered before any action/,
    );
    const status = await loop.status();
    expect(status.decide).toMatchObject({ verified: 1, resolved: 1 });
    expect(status.sense).toEqual({ alerts: 0 });
  });
});

describe('Loop paging', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  // Only Date is faked: the database and its pool keep real timers.
  beforeEach(() =>
    jest.useFakeTimers({
      now: new Date('2026-12-01T10:00:00Z'),
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    }),
  );
  afterEach(() => jest.useRealTimers());

  const nodeDown: Signal = {
    ...certAlert,
    alertname: 'NodeDown',
    severity: 'critical',
    entityRef: 'resource:default/sff-2',
    labels: { alertname: 'NodeDown', node: 'sff-2' },
  } as Signal;

  async function start() {
    const knex = await databases.init('SQLITE_3');
    const store = await DecisionStore.create({
      getClient: async () => knex,
    } as any);
    const sent: any[] = [];
    let signals: Signal[] = [nodeDown];
    const loop = new Loop({
      store,
      reader: {
        read: async () => ({
          signals,
          counts: { alerts: signals.length },
          source: 'live',
          warnings: [],
        }),
      } as any,
      planner: new ActionPlanner({
        readRepoFile: async () => null,
        promiseDefinition: async () => undefined,
        escalateAfterMinutes: 15,
        pagingTargets: async () => ({
          recipients: ['group:default/admins'],
          escalateTo: ['group:default/homelab'],
        }),
      }),
      executor: {} as any,
      forge: {} as any,
      catalog: catalogServiceMock(),
      notifications: { send: async (n: any) => void sent.push(n) },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      policies: DEFAULT_POLICIES.filter(p => p.id === 'node-down'),
      autoActAllow: [],
      verifyDelaySeconds: 0,
      verifyTimeoutSeconds: 600,
    });
    const page = async () => (await store.list({ policy: 'node-down' }))[0];
    return {
      store,
      sent,
      loop,
      page,
      setSignals: (s: Signal[]) => {
        signals = s;
      },
    };
  }
  const minutes = (n: number) =>
    jest.setSystemTime(
      new Date(Date.parse('2026-12-01T10:00:00Z') + n * 60_000),
    );

  it('pages the owner at once, and the next group when nobody acknowledges in time', async () => {
    const { sent, loop, page } = await start();
    await loop.cycle();
    const paged = await page();
    expect(paged.state).toBe('executed');
    expect(paged.runbook).toEqual({
      title: 'NodeDown',
      url: '/docs/default/component/runbooks/alerts/node-down/',
    });
    expect(paged.paging).toEqual({
      pagedAt: '2026-12-01T10:00:00.000Z',
      recipients: ['group:default/admins'],
      escalateAt: '2026-12-01T10:15:00.000Z',
      escalateTo: ['group:default/homelab'],
    });
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: ['group:default/admins'] },
        payload: expect.objectContaining({
          title: 'Page: sff-2 is down',
          severity: 'critical',
          topic: 'cybernetics-page',
          link: `/cybernetics/decisions/${paged.id}`,
        }),
      },
    ]);
    // the loop runs again within the window: nothing more is sent
    minutes(14);
    await loop.cycle();
    expect(sent).toHaveLength(1);
    // past the window, unacknowledged: the next group is paged, once
    minutes(16);
    await loop.cycle();
    minutes(30);
    await loop.cycle();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({
      recipients: { type: 'entity', entityRef: ['group:default/homelab'] },
      payload: {
        severity: 'critical',
        description: expect.stringMatching(
          /^Escalated: group:default\/admins did not acknowledge within 15 minutes/,
        ),
      },
    });
    const escalated = await page();
    expect(escalated.paging?.escalatedAt).toBe('2026-12-01T10:16:00.000Z');
    expect(escalated.audit.map(a => [a.actor, a.from, a.to, a.note])).toEqual([
      ['cybernetics', null, 'proposed', 'Policy node-down: sff-2 is down'],
      [
        'cybernetics',
        'proposed',
        'executed',
        'Paged group:default/admins (critical); unless someone acknowledges it within 15 minutes, group:default/homelab will be paged',
      ],
      [
        'cybernetics',
        'executed',
        'executed',
        'Not acknowledged within 15 minutes: escalated to group:default/homelab (critical)',
      ],
    ]);
    // a page stays open while the node is down, however long
    minutes(24 * 60);
    await loop.cycle();
    expect((await page()).state).toBe('executed');
  });

  it('does not escalate a page someone acknowledged, and closes it when the node is back', async () => {
    const { sent, loop, page, setSignals } = await start();
    await loop.cycle();
    minutes(5);
    const acknowledged = await loop.acknowledge(
      await page(),
      'user:default/operator',
      'on my way',
    );
    expect(acknowledged.paging).toMatchObject({
      acknowledgedAt: '2026-12-01T10:05:00.000Z',
      acknowledgedBy: 'user:default/operator',
    });
    await expect(
      loop.acknowledge(acknowledged, 'user:default/operator'),
    ).rejects.toThrow(/acknowledged already/);
    minutes(60);
    await loop.cycle();
    expect(sent).toHaveLength(1);
    setSignals([]);
    minutes(61);
    await loop.cycle();
    const closed = await page();
    expect(closed.state).toBe('verified');
    expect(closed.audit.map(a => [a.actor, a.note]).slice(2)).toEqual([
      ['user:default/operator', 'Acknowledged: on my way'],
      ['cybernetics', 'The alert stopped after the page'],
    ]);
  });
});
