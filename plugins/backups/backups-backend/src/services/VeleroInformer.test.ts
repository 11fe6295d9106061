import { mockServices } from '@backstage/backend-test-utils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { backup } from '../__testUtils__/fakeKube';
import { WatchingKube } from '../__testUtils__/watchingKube';
import { VeleroInformer } from './VeleroInformer';
import { VeleroReader } from './VeleroReader';

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise(r => setTimeout(r, 10));
  }
}

const completed = (name: string, at: string, schedule = 'daily') =>
  backup(name, {
    phase: 'Completed',
    namespaces: ['jellyfin'],
    schedule,
    started: at,
    completed: at,
    ttl: '720h0m0s',
  });

describe('VeleroInformer: Backups listed once, then kept current by a watch', () => {
  let kube: WatchingKube;
  let url: string;
  let informer: VeleroInformer;
  const logger = mockServices.logger.mock();
  const cluster = () => ({
    name: 'homelab',
    url,
    serviceAccountToken: kube.token,
  });
  const lists = (plural: string) =>
    kube.requests.filter(
      r => r.includes(`/${plural}?`) && !r.includes('watch=1'),
    ).length;
  const names = async () =>
    (await informer.read(cluster())).backups.map(b => b.id).sort();

  beforeEach(async () => {
    kube = new WatchingKube();
    for (let i = 0; i < 3; i++)
      kube.add('backups', completed(`b-${i}`, `2026-11-2${i}T02:00:00Z`));
    kube.add('schedules', {
      metadata: { name: 'daily', namespace: 'velero' },
      spec: { schedule: '0 2 * * *', template: { ttl: '720h0m0s' } },
      status: { phase: 'Enabled' },
    });
    url = await kube.start();
    logger.warn.mockClear();
    informer = new VeleroInformer({
      reader: new VeleroReader({ namespace: 'velero', timeoutMs: 2000 }),
      logger,
      cacheSeconds: 60,
      watch: true,
    });
  });

  afterEach(async () => {
    informer.close();
    await kube.stop();
  });

  it('reads every change the watch reports, with no further list, and hands out the same state while nothing changes', async () => {
    const first = await informer.read(cluster());
    expect(first.backups.map(b => b.id).sort()).toEqual(['b-0', 'b-1', 'b-2']);
    expect(first.schedules.map(s => s.name)).toEqual(['daily']);
    await until(() => kube.openWatches === 3, 'three watches');
    expect(await informer.read(cluster())).toBe(first);

    kube.add('backups', completed('b-3', '2026-11-23T02:00:00Z'));
    kube.update('backups', {
      ...completed('b-0', '2026-11-20T02:00:00Z'),
      status: { phase: 'Failed', failureReason: 'hook failed' },
    });
    kube.remove('backups', 'b-1');
    await until(
      async () => (await names()).join() === 'b-0,b-2,b-3',
      'the changes',
    );
    const state = await informer.read(cluster());
    expect(state).not.toBe(first);
    expect(state.backups.find(b => b.id === 'b-0')).toMatchObject({
      outcome: 'failed',
      failureReason: 'hook failed',
    });
    expect(lists('backups')).toBe(1);
    expect(lists('schedules')).toBe(1);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('opens the watch again from the last revision it saw (a bookmark counts) when the API server ends it', async () => {
    await informer.read(cluster());
    await until(() => kube.openWatches === 3, 'three watches');
    kube.add('backups', completed('b-3', '2026-11-23T02:00:00Z'));
    // a change elsewhere moves the revision on; the bookmark tells the Backups watch
    kube.add('restores', {
      metadata: { name: 'drill', namespace: 'velero' },
      spec: { backupName: 'b-0' },
      status: { phase: 'Completed' },
    });
    kube.bookmark();
    const revision = kube.revision;
    await until(
      async () => (await informer.read(cluster())).restores.length === 1,
      'the restore',
    );
    kube.watchRequests.length = 0;
    kube.endWatches();
    // made while no watch is open: the next watch replays it
    kube.add('backups', completed('b-4', '2026-11-24T02:00:00Z'));
    await until(async () => (await names()).includes('b-4'), 'b-4');
    expect(kube.watchRequests.find(r => r.includes('/backups?'))).toContain(
      `resourceVersion=${revision}`,
    );
    expect(await names()).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'b-4']);
    expect(lists('backups')).toBe(1);
  });

  it('lists again when the history it watched from is gone (410 Expired), and stays current', async () => {
    await informer.read(cluster());
    await until(() => kube.openWatches === 3, 'three watches');
    // the watch ends; before it is opened again, a change, and history is compacted
    kube.endWatches();
    kube.add('backups', completed('b-3', '2026-11-23T02:00:00Z'));
    kube.compact();
    await until(async () => (await names()).includes('b-3'), 'b-3');
    expect(lists('backups')).toBe(2);
    await until(() => kube.openWatches === 3, 'watching again');
    kube.remove('backups', 'b-0');
    await until(async () => !(await names()).includes('b-0'), 'b-0 gone');
    expect(lists('backups')).toBe(2);
  });

  it('lists per read (reused for cacheSeconds) when RBAC does not allow watching, and says what to grant', async () => {
    kube.refuseWatch = 403;
    const short = new VeleroInformer({
      reader: new VeleroReader({ namespace: 'velero', timeoutMs: 2000 }),
      logger,
      cacheSeconds: 0,
      watch: true,
    });
    try {
      await short.read(cluster());
      await until(
        () => logger.warn.mock.calls.length >= 3,
        'the refusals logged',
      );
      expect(String(logger.warn.mock.calls[0][0])).toMatch(
        /cannot watch resource .*\(grant "watch" on velero\.io/,
      );
      kube.add('backups', completed('b-3', '2026-11-23T02:00:00Z'));
      const state = await short.read(cluster());
      expect(state.backups.map(b => b.id)).toContain('b-3');
      expect(lists('backups')).toBe(2);
      // refused once: not asked again on every read
      expect(
        kube.watchRequests.filter(r => r.includes('/backups')),
      ).toHaveLength(1);
    } finally {
      short.close();
    }
  });

  it('lists again after the watch connection breaks', async () => {
    await informer.read(cluster());
    await until(() => kube.openWatches === 3, 'three watches');
    (kube as any).httpServer.closeAllConnections();
    await until(
      () => logger.warn.mock.calls.some(c => /listing them again/.test(c[0])),
      'the break noticed',
    );
    kube.add('backups', completed('b-3', '2026-11-23T02:00:00Z'));
    expect(await names()).toContain('b-3');
    expect(lists('backups')).toBe(2);
  });

  it('stops watching on close', async () => {
    await informer.read(cluster());
    await until(() => kube.openWatches === 3, 'three watches');
    informer.close();
    await until(() => kube.openWatches === 0, 'no watch left');
    expect(kube.openWatches).toBe(0);
  });
});

describe('VeleroInformer against an API server that answers a watch with something else', () => {
  let server: Server;
  let url: string;
  let watchAnswer: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url?.includes('watch=1')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(watchAnswer);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'BackupList',
          metadata: { resourceVersion: '7' },
          items: [],
        }),
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it.each([
    ['a list instead of events', '{"kind":"BackupList","items":[]}\n'],
    ['a line that is not JSON', '<html>proxy error</html>\n'],
    [
      'an ERROR event that is not 410',
      '{"type":"ERROR","object":{"kind":"Status","code":500,"message":"etcdserver: request timed out"}}\n',
    ],
  ])('lists again, and logs why, on %s', async (_what, answer) => {
    watchAnswer = answer;
    requests.length = 0;
    const logger = mockServices.logger.mock();
    const informer = new VeleroInformer({
      reader: new VeleroReader({ namespace: 'velero', timeoutMs: 2000 }),
      logger,
      cacheSeconds: 60,
      watch: true,
    });
    try {
      const cluster = { name: 'odd', url };
      await informer.read(cluster);
      await until(
        () => logger.warn.mock.calls.length >= 3,
        'the bad watches noticed',
      );
      expect(String(logger.warn.mock.calls[0][0])).toMatch(
        /Kubernetes \(odd\): the watch of \w+ (sent|failed)/,
      );
      await informer.read(cluster);
      expect(
        requests.filter(r => r.includes('/backups?') && !r.includes('watch')),
      ).toHaveLength(2);
    } finally {
      informer.close();
    }
  });
});
