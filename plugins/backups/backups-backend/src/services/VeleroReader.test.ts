import { FakeKube, backup } from '../__testUtils__/fakeKube';
import { VeleroReader, parseGoDuration } from './VeleroReader';

const PHASES = [
  'New',
  'Queued',
  'ReadyToStart',
  'FailedValidation',
  'InProgress',
  'WaitingForPluginOperations',
  'WaitingForPluginOperationsPartiallyFailed',
  'Finalizing',
  'FinalizingPartiallyFailed',
  'Completed',
  'PartiallyFailed',
  'Failed',
  'Deleting',
];

describe('VeleroReader through a Kubernetes API serving objects valid against Velero’s CRDs', () => {
  const kube = new FakeKube();
  let url: string;
  const slept: number[] = [];
  const reader = new VeleroReader({
    namespace: 'velero',
    timeoutMs: 2000,
    sleep: async ms => {
      slept.push(ms);
    },
  });
  const cluster = () => ({
    name: 'homelab',
    url,
    serviceAccountToken: kube.token,
  });

  beforeAll(async () => {
    url = await kube.start();
    PHASES.forEach((phase, i) =>
      kube.add(
        'backups',
        backup(`b-${phase.toLowerCase()}`, {
          phase,
          namespaces: ['jellyfin'],
          schedule: 'daily',
          started: `2026-11-2${i % 5}T01:00:00Z`,
          completed: phase === 'Completed' ? '2026-11-24T01:10:00Z' : null,
          ttl: '720h0m0s',
          failureReason:
            phase === 'Failed'
              ? 'hook <img src=x onerror=alert(1)> exited 1'
              : undefined,
        }),
      ),
    );
    kube.add('backups', backup('b-empty-phase', {}));
    kube.addFromNewerVelero(
      'backups',
      backup('b-unknown-phase', { phase: 'SomethingNew' }),
    );
    kube.add('schedules', {
      metadata: { name: 'daily', namespace: 'velero' },
      spec: {
        schedule: '0 1 * * *',
        template: { includedNamespaces: ['jellyfin'], ttl: '720h' },
      },
      status: { phase: 'Enabled', lastBackup: '2026-11-24T01:00:00Z' },
    });
    kube.add('restores', {
      metadata: { name: 'drill-1', namespace: 'velero' },
      spec: { backupName: 'b-completed' },
      status: {
        phase: 'Completed',
        completionTimestamp: '2026-11-20T09:00:00Z',
      },
    });
  });
  afterAll(() => kube.stop());

  it('refuses objects that are not valid Velero objects (the fake checks the CRD)', () => {
    expect(() =>
      kube.add('backups', { metadata: { name: 'x' }, spec: { ttl: 5 } }),
    ).toThrow(/Not a valid Backup/);
  });

  it('reads every phase, empty and unknown ones, and null timestamps', async () => {
    const state = await reader.read(cluster());
    const byName = new Map(state.backups.map(b => [b.id, b]));
    expect(state.backups).toHaveLength(PHASES.length + 2);
    expect(byName.get('b-completed')).toMatchObject({
      outcome: 'succeeded',
      completedAt: '2026-11-24T01:10:00Z',
      ttlSeconds: 720 * 3600,
      schedule: 'daily',
      includedNamespaces: ['jellyfin'],
    });
    expect(byName.get('b-failed')).toMatchObject({
      outcome: 'failed',
      completedAt: null,
      failureReason: 'hook <img src=x onerror=alert(1)> exited 1',
    });
    expect(byName.get('b-partiallyfailed')?.outcome).toBe('partial');
    expect(byName.get('b-queued')?.outcome).toBe('running');
    expect(byName.get('b-deleting')?.outcome).toBe('unknown');
    expect(byName.get('b-empty-phase')).toMatchObject({
      phase: '',
      outcome: 'unknown',
      startedAt: null,
      includedNamespaces: ['*'],
    });
    expect(byName.get('b-unknown-phase')?.outcome).toBe('unknown');
    expect(state.schedules).toEqual([
      expect.objectContaining({
        name: 'daily',
        cron: '0 1 * * *',
        ttlSeconds: 720 * 3600,
        paused: false,
      }),
    ]);
    expect(state.restores).toEqual([
      expect.objectContaining({
        id: 'drill-1',
        backupName: 'b-completed',
        outcome: 'succeeded',
      }),
    ]);
  });

  it('pages with continue tokens, and restarts a list whose token expired (410)', async () => {
    const paged = new VeleroReader({ namespace: 'velero', timeoutMs: 2000 });
    kube.requests.length = 0;
    // 15 backups at 500 a page is one page; list with a tiny page via many objects instead
    for (let i = 0; i < 1200; i++)
      kube.add(
        'backups',
        backup(`bulk-${i}`, {
          phase: 'Completed',
          completed: '2026-11-01T00:00:00Z',
        }),
      );
    kube.expireNextContinue = true;
    const items = await paged.list(cluster(), 'backups');
    expect(items).toHaveLength(PHASES.length + 2 + 1200);
    const backupsRequests = kube.requests.filter(r => r.includes('/backups'));
    // page 1, page 2 (410), then from the start: 3 pages
    expect(backupsRequests).toHaveLength(5);
    expect(new Set(items.map((i: any) => i.metadata.name)).size).toBe(
      items.length,
    );
    kube.objects.set(
      'backups',
      kube.objects
        .get('backups')!
        .filter(o => !o.metadata.name.startsWith('bulk-')),
    );
  });

  it('waits as long as Retry-After says when throttled (429), then carries on', async () => {
    slept.length = 0;
    kube.throttle = 2;
    const items = await reader.list(cluster(), 'schedules');
    expect(items).toHaveLength(1);
    expect(slept).toEqual([1000, 1000]);
  });

  it('gives up on a cluster that keeps throttling, and on bad credentials, with the reason', async () => {
    kube.throttle = 10;
    await expect(reader.list(cluster(), 'schedules')).rejects.toThrow(
      /HTTP 429: Too many requests/,
    );
    kube.throttle = 0;
    await expect(
      reader.list({ ...cluster(), serviceAccountToken: 'wrong' }, 'schedules'),
    ).rejects.toThrow(/HTTP 401: Unauthorized/);
  });

  it('reads Go durations as Velero writes TTLs', () => {
    expect(parseGoDuration('720h0m0s')).toBe(2592000);
    expect(parseGoDuration('90m')).toBe(5400);
    expect(parseGoDuration('1h30m15s')).toBe(5415);
    expect(parseGoDuration('')).toBeNull();
    expect(parseGoDuration('forever')).toBeNull();
    expect(parseGoDuration('10x')).toBeNull();
  });
});
