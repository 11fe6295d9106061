import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { seedCatalog } from '@homelab-portal/test-utils';
import request from 'supertest';
import { alertsPlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create();
const user = mockCredentials.user.header('user:default/resident');
const TOKEN = 'webhook-s3cret';
const MINUTE = 60_000;

const alert = (
  status: 'firing' | 'resolved',
  labels: Record<string, string>,
  fingerprint: string,
  startsAt: Date,
  endsAt?: Date,
) => ({
  status,
  labels,
  annotations: {},
  startsAt: startsAt.toISOString(),
  endsAt: endsAt?.toISOString() ?? '0001-01-01T00:00:00Z',
  fingerprint,
});

describe.each(databases.eachSupportedId())(
  'alert history routes on %p',
  databaseId => {
    async function startBackend() {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          alertsPlugin,
          catalogServiceMock.factory({ entities: seedCatalog() }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: { alerts: { webhook: { token: TOKEN }, pollSeconds: 3600 } },
          }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      });
      return server;
    }

    it('pages history server side and computes its figures in the database', async () => {
      const server = await startBackend();
      const now = Date.now();
      const nodeDown = {
        alertname: 'NodeDown',
        severity: 'critical',
        node: 'sff-3',
        instance: 'sff-3.lab.local:9100',
      };
      // 130 firings of sff-3, 10 minutes apart, each resolved after 4 minutes
      const starts = Array.from(
        { length: 130 },
        (_, i) => new Date(now - (i + 1) * 10 * MINUTE),
      );
      const deliver = (alerts: object[]) =>
        request(server)
          .post('/api/alerts/webhook/demo')
          .set('Authorization', `Bearer ${TOKEN}`)
          .send({ version: '4', status: 'firing', alerts });
      expect(
        (
          await deliver(
            starts.map(s => alert('firing', nodeDown, '5f1e2d3c', s)),
          )
        ).body,
      ).toEqual({ received: 130, stored: 130 });
      await deliver(
        starts.map(s =>
          alert(
            'resolved',
            nodeDown,
            '5f1e2d3c',
            s,
            new Date(s.getTime() + 4 * MINUTE),
          ),
        ),
      );
      // one firing ten days ago, never resolved
      await deliver([
        alert(
          'firing',
          nodeDown,
          '5f1e2d3c',
          new Date(now - 10 * 24 * 60 * MINUTE),
        ),
      ]);
      // another entity's alert, which must not show
      await deliver([
        alert(
          'firing',
          { alertname: 'CertExpiring', service: 'keycloak' },
          'aa11',
          new Date(now - MINUTE),
        ),
      ]);

      const page = (query: Record<string, string>) =>
        request(server)
          .get('/api/alerts/history')
          .query({ entityRef: 'resource:default/sff-3', ...query })
          .set('Authorization', user);

      const first = await page({});
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        days: 30,
        total: 261,
        limit: 50,
        stats: { firings30d: 131, mttrSeconds: 240 },
      });
      expect(first.body.events).toHaveLength(50);
      expect(first.body.stats.lastFiredAt).toBe(starts[0].toISOString());
      expect(typeof first.body.nextCursor).toBe('string');

      // following the cursor gives every event once, newest first
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await page({ limit: '120', ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.events.length).toBeLessThanOrEqual(120);
        seen.push(
          ...res.body.events.map((e: any) => `${e.startsAt}|${e.status}`),
        );
        cursor = res.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(261);
      const times = seen.map(s => Date.parse(s.split('|')[0]));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      // a limit above the hard maximum is held to it
      const most = await page({ limit: '5000' });
      expect(most.body.events).toHaveLength(200);
      expect(most.body.limit).toBe(200);

      // the window narrows the list, not the 30-day figures
      const day = await page({ days: '1' });
      expect(day.body.total).toBe(260);
      expect(day.body.stats).toEqual(first.body.stats);
      const recent = await page({ days: '1', limit: '10' });
      expect(recent.body.events).toHaveLength(10);

      const bads: Array<Record<string, string>> = [
        { limit: '0' },
        { limit: '-1' },
        { limit: '99999' },
        { cursor: 'not-a-cursor' },
        { cursor: Buffer.from('["x",1]').toString('base64url') },
      ];
      for (const bad of bads) {
        const res = await page(bad);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      }

      // the entity card's figures come from the same aggregates
      const card = await request(server)
        .get('/api/alerts/entity')
        .query({ entityRef: 'resource:default/sff-3' })
        .set('Authorization', user);
      expect(card.body.stats).toEqual(first.body.stats);
      const system = await request(server)
        .get('/api/alerts/entity')
        .query({ entityRef: 'system:default/physical-infrastructure' })
        .set('Authorization', user);
      expect(system.body.stats.firings30d).toBe(131);
      const keycloak = await request(server)
        .get('/api/alerts/history')
        .query({ entityRef: 'component:default/keycloak' })
        .set('Authorization', user);
      expect(keycloak.body.total).toBe(1);
      expect(keycloak.body.stats).toMatchObject({
        firings30d: 1,
        mttrSeconds: null,
      });
    });
  },
);
