import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  FakeNodeExporter,
  Running,
  describeWithMonitoring,
  freePort,
  nodeMetrics,
  startAlertmanager,
  startPrometheus,
  tempDir,
} from '@homelab-portal/test-utils/monitoring';
import { seedCatalog } from '@homelab-portal/test-utils';
import { alertsPlugin } from './plugin';

jest.setTimeout(240_000);

const TOKEN = 'integration-webhook-token';
const user = mockCredentials.user.header();
const databases = TestDatabases.create();
// history must survive a restart on PostgreSQL; SQLite where PostgreSQL is not set up
const databaseId =
  databases
    .eachSupportedId()
    .flat()
    .find(id => id.startsWith('POSTGRES')) ?? 'SQLITE_3';

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  seconds = 150,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

describeWithMonitoring(
  `alerts against a real Prometheus and Alertmanager (${databaseId})`,
  () => {
    let knex: Knex;
    let dir: { path: string; remove(): Promise<void> };
    let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
    let alertmanager: Running;
    let prometheus: Running;
    const sff1Exporter = new FakeNodeExporter();
    const sff2Exporter = new FakeNodeExporter();

    let amPort: number;

    // the test's scheduler runs the poll only when the test says so, so that
    // what arrives by webhook and what the poll fills in are told apart
    let scheduler: any;

    async function startBackend() {
      scheduler = mockServices.scheduler();
      backend = await startTestBackend({
        features: [
          scheduler.factory({ skipTaskRunOnStartup: true }),
          alertsPlugin,
          catalogServiceMock.factory({ entities: seedCatalog() }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              alerts: {
                alertmanagers: [
                  { name: 'lab', baseUrl: `http://127.0.0.1:${amPort}` },
                ],
                webhook: { token: TOKEN },
                pollSeconds: 3600,
              },
            },
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      return backend.server;
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      dir = await tempDir();
      // the Alertmanager's port first: the backend needs it, and it needs the backend's
      amPort = await freePort();
      sff1Exporter.body = nodeMetrics(0.05); // 5% free: DiskFull
      sff2Exporter.body = undefined; // not answering: NodeDown
      const [sff1Address, sff2Address] = await Promise.all([
        sff1Exporter.start(),
        sff2Exporter.start(),
      ]);
      const server = await startBackend();
      const backendPort = (server.address() as AddressInfo).port;
      alertmanager = await startAlertmanager(
        dir.path,
        `http://127.0.0.1:${backendPort}/api/alerts/webhook/lab`,
        TOKEN,
        amPort,
      );
      prometheus = await startPrometheus(dir.path, alertmanager.url, [
        { address: sff1Address, instance: 'sff-1.lab.local:9100' },
        { address: sff2Address, instance: 'sff-2.lab.local:9100' },
      ]);
    });

    afterAll(async () => {
      await backend?.stop();
      await prometheus?.stop();
      await alertmanager?.stop();
      await sff1Exporter.stop();
      await sff2Exporter.stop();
      await dir?.remove();
    });

    const historyOf = async (ref: string): Promise<string[][]> =>
      (
        await request(backend!.server)
          .get('/api/alerts/history')
          .query({ entityRef: ref })
          .set('Authorization', user)
      ).body.events.map((e: any) => [e.alertname, e.status, e.via]);

    const entity = (ref: string) =>
      request(backend!.server)
        .get('/api/alerts/entity')
        .query({ entityRef: ref })
        .set('Authorization', user);

    it('shows the rules’ alerts on the right entities once they fire', async () => {
      await eventually('NodeDown on sff-2 and DiskFull on sff-1', async () => {
        const [a, b] = await Promise.all([
          entity('resource:default/sff-2'),
          entity('resource:default/sff-1'),
        ]);
        const down = a.body.alerts?.some(
          (x: any) => x.alertname === 'NodeDown',
        );
        const disk = b.body.alerts?.some(
          (x: any) => x.alertname === 'DiskFull',
        );
        return down && disk ? true : undefined;
      });
      const sff2Page = await entity('resource:default/sff-2');
      expect(sff2Page.body.source).toBe('alertmanager');
      expect(
        sff2Page.body.alerts.map((a: any) => [
          a.alertname,
          a.severity,
          a.labels.node,
        ]),
      ).toEqual([['NodeDown', 'critical', 'sff-2']]);
      const sff1Page = await entity('resource:default/sff-1');
      expect(sff1Page.body.alerts.map((a: any) => a.alertname)).toEqual([
        'DiskFull',
      ]);
      expect((await entity('resource:default/sff-3')).body.alerts).toEqual([]);
      expect((await entity('component:default/jellyfin')).body.alerts).toEqual(
        [],
      );
      const system = await entity('system:default/physical-infrastructure');
      expect(system.body.alerts.map((a: any) => a.alertname).sort()).toEqual([
        'DiskFull',
        'NodeDown',
      ]);
      // Alertmanager notifies the portal's webhook of both firings
      const fired = await eventually(
        'both firings through the webhook',
        async () => {
          const events = await historyOf(
            'system:default/physical-infrastructure',
          );
          return events.length === 2 ? events : undefined;
        },
        30,
      );
      expect(fired.sort()).toEqual([
        ['DiskFull', 'firing', 'webhook'],
        ['NodeDown', 'firing', 'webhook'],
      ]);
    });

    it('makes a silence in Alertmanager that Alertmanager honours, recording who made it', async () => {
      const created = await request(backend!.server)
        .post('/api/alerts/silences')
        .set('Authorization', user)
        .send({
          alertmanager: 'lab',
          matchers: 'alertname="DiskFull", node="sff-1"',
          durationMinutes: 30,
          comment: 'expanding the volume',
        });
      expect(created.status).toBe(201);
      const alerts = await (
        await fetch(
          `${alertmanager.url}/api/v2/alerts?filter=alertname%3D%22DiskFull%22`,
        )
      ).json();
      expect(alerts).toHaveLength(1);
      expect(alerts[0].status.state).toBe('suppressed');
      expect(alerts[0].status.silencedBy).toEqual([created.body.id]);
      const silence = await (
        await fetch(`${alertmanager.url}/api/v2/silence/${created.body.id}`)
      ).json();
      expect(silence.createdBy).toBe('user:default/mock');
      expect(silence.comment).toBe('expanding the volume');
      const sff1Page = await entity('resource:default/sff-1');
      expect(sff1Page.body.alerts[0].state).toBe('suppressed');

      // Alertmanager refuses a silence that matches everything; the portal says why
      const refused = await request(backend!.server)
        .post('/api/alerts/silences')
        .set('Authorization', user)
        .send({
          alertmanager: 'lab',
          matchers: 'node=~"sff-9|"',
          durationMinutes: 30,
          comment: 'x',
        });
      expect(refused.status).toBe(400);
    });

    it('acknowledges an alert as a short silence on exactly its labels', async () => {
      const down = (await entity('resource:default/sff-2')).body.alerts[0];
      const ack = await request(backend!.server)
        .post('/api/alerts/acknowledge')
        .set('Authorization', user)
        .send({
          alertmanager: 'lab',
          fingerprint: down.fingerprint,
          comment: 'rebooting',
        });
      expect(ack.status).toBe(201);
      const silence = await (
        await fetch(`${alertmanager.url}/api/v2/silence/${ack.body.id}`)
      ).json();
      expect(silence.comment).toBe('ACK! rebooting');
      expect(silence.matchers).toContainEqual({
        name: 'node',
        value: 'sff-2',
        isRegex: false,
        isEqual: true,
      });
      const expired = await request(backend!.server)
        .delete(`/api/alerts/silences/lab/${ack.body.id}`)
        .set('Authorization', user);
      expect(expired.status).toBe(204);
      const after = await (
        await fetch(`${alertmanager.url}/api/v2/silence/${ack.body.id}`)
      ).json();
      expect(after.status.state).toBe('expired');
    });

    it('receives firing and resolution through the real webhook into history', async () => {
      sff2Exporter.body = nodeMetrics(0.5); // the node answers again
      const history = await eventually(
        'NodeDown resolved in history',
        async () => {
          const res = await request(backend!.server)
            .get('/api/alerts/history')
            .query({ entityRef: 'resource:default/sff-2' })
            .set('Authorization', user);
          return res.body.events?.some((e: any) => e.status === 'resolved')
            ? res.body
            : undefined;
        },
        90,
      );
      expect(
        history.events.map((e: any) => [e.alertname, e.status, e.via]),
      ).toEqual([
        ['NodeDown', 'resolved', 'webhook'],
        ['NodeDown', 'firing', 'webhook'],
      ]);
      expect(history.stats.firings30d).toBe(1);
      expect(history.stats.mttrSeconds).toBeGreaterThan(0);
      expect((await entity('resource:default/sff-2')).body.alerts).toEqual([]);
    });

    it('keeps history across a backend restart, and the poll records what no webhook delivered', async () => {
      await backend!.stop();
      // while the portal is down, the disk is freed: Alertmanager's
      // resolution webhook has nowhere to go (the restarted backend listens
      // on another port), so only the poll can notice
      sff1Exporter.body = nodeMetrics(0.5);
      await eventually(
        'DiskFull resolved in Alertmanager',
        async () => {
          const alerts = await (
            await fetch(`${alertmanager.url}/api/v2/alerts`)
          ).json();
          return alerts.some((a: any) => a.labels.alertname === 'DiskFull')
            ? undefined
            : true;
        },
        60,
      );
      await startBackend();
      expect(
        (await historyOf('system:default/physical-infrastructure')).sort(),
      ).toEqual([
        ['DiskFull', 'firing', 'webhook'],
        ['NodeDown', 'firing', 'webhook'],
        ['NodeDown', 'resolved', 'webhook'],
      ]);
      // the poll's period is up
      await scheduler.triggerTask('alerts-history-poll');
      const events = await eventually(
        'DiskFull resolved by the poll',
        async () => {
          const all = await historyOf('resource:default/sff-1');
          return all.some(e => e[1] === 'resolved') ? all : undefined;
        },
        30,
      );
      expect(events).toEqual([
        ['DiskFull', 'resolved', 'poll'],
        ['DiskFull', 'firing', 'webhook'],
      ]);
    });
  },
);
