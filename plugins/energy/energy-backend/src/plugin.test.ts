import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AddressInfo, createServer } from 'node:net';
import request from 'supertest';
import { FakePrometheus, vectorAnswer } from './__testUtils__/fakePrometheus';
import { seedCatalog } from '@homelab-portal/test-utils';
import { energyPlugin } from './plugin';

const user = mockCredentials.user.header();

async function startBackend(
  energy: object = {},
  options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
) {
  const { server } = await startTestBackend({
    features: [
      energyPlugin,
      catalogServiceMock.factory({ entities: seedCatalog() }),
      mockServices.rootConfig.factory({
        data: {
          energy: { powerMetrics: ['smartplug_power_watts'], ...energy },
        },
      }),
      // without this, the test backend treats requests with no token as a user
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
    ],
  });
  return server;
}

describe('energy backend plugin', () => {
  describe('with no Prometheus configured (demo source)', () => {
    it('serves the demo simulation, labelled as demo, through the same routes', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/energy/summary')
        .query({ entityRef: 'component:default/jellyfin' })
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('demo');
      expect(res.body.measuredBy).toBe('kepler-workload');
      expect(res.body.powerW).toBeGreaterThan(0);
      expect(res.body.windows['7d'].energyKWh).toBeGreaterThan(
        res.body.windows['24h'].energyKWh,
      );
      expect(res.body.windows['24h'].cost).toBeCloseTo(
        res.body.windows['24h'].energyKWh * 0.3,
      );

      const again = await request(server)
        .get('/api/energy/summary')
        .query({ entityRef: 'component:default/jellyfin' })
        .set('Authorization', user);
      expect(again.body.windows).toEqual(res.body.windows);

      const overview = await request(server)
        .get('/api/energy/overview')
        .set('Authorization', user);
      expect(overview.status).toBe(200);
      expect(overview.body.source).toBe('demo');
      expect(
        overview.body.nodes.map((n: { entityRef: string }) => n.entityRef),
      ).toEqual(
        expect.arrayContaining([
          'resource:default/sff-1',
          'resource:default/nas-1',
        ]),
      );
      expect(overview.body.top[0].entityRef).toBe('component:default/ollama');
      expect(overview.body.monthToDate.energyKWh).toBeGreaterThan(0);
      expect(overview.body.window).toBe('24h');

      const week = await request(server)
        .get('/api/energy/overview')
        .query({ window: '7d' })
        .set('Authorization', user);
      expect(week.status).toBe(200);
      expect(week.body.window).toBe('7d');
      expect(week.body.total.energyKWh).toBeCloseTo(
        week.body.windows['7d'].energyKWh,
        9,
      );
      const badWindow = await request(server)
        .get('/api/energy/overview')
        .query({ window: '1y' })
        .set('Authorization', user);
      expect(badWindow.status).toBe(400);

      const series = await request(server)
        .get('/api/energy/series')
        .query({ entityRef: 'system:default/applications', range: '24h' })
        .set('Authorization', user);
      expect(series.status).toBe(200);
      expect(series.body.points.length).toBeGreaterThan(100);
      expect(
        series.body.points.every((p: { w: number | null }) => p.w! > 0),
      ).toBe(true);
    });

    it('gives the NAS’s demo capacity, labelled as demo, and nothing for a device with no filesystem labels', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/energy/storage')
        .query({ entityRef: 'resource:default/nas-1' })
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('demo');
      expect(res.body.labels).toEqual({ node: 'nas' });
      expect(res.body.filesystems).toHaveLength(1);
      const [volume] = res.body.filesystems;
      expect(volume.mountpoint).toBe('/volume1');
      expect(volume.usedBytes + volume.availBytes).toBe(volume.sizeBytes);
      // under 10% free, as the demo's DiskFull alert says
      expect(volume.availBytes / volume.sizeBytes).toBeLessThan(0.1);

      const switch1 = await request(server)
        .get('/api/energy/storage')
        .query({ entityRef: 'resource:default/switch-1' })
        .set('Authorization', user);
      expect(switch1.status).toBe(200);
      expect(switch1.body.filesystems).toEqual([]);
      expect(switch1.body.labels).toBeUndefined();

      const missing = await request(server)
        .get('/api/energy/storage')
        .query({ entityRef: 'resource:default/nope' })
        .set('Authorization', user);
      expect(missing.status).toBe(404);
    });

    it('says no data for what the simulation does not know, never 0', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/energy/summary')
        .query({ entityRef: 'resource:default/vlan-20-server-lab' })
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.powerW).toBeNull();
      expect(res.body.windows['24h'].energyKWh).toBeNull();
    });
  });

  describe('input', () => {
    it('refuses every route without credentials', async () => {
      const server = await startBackend();
      for (const path of [
        '/api/energy/summary?entityRef=component%3Adefault%2Fjellyfin',
        '/api/energy/series?entityRef=component%3Adefault%2Fjellyfin',
        '/api/energy/top',
        '/api/energy/overview',
        '/api/energy/storage?entityRef=resource%3Adefault%2Fnas-1',
      ]) {
        const res = await request(server).get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
    });

    it('answers bad input with 400 and a reason, unknown entities with 404', async () => {
      const server = await startBackend();
      const get = (path: string, query: object) =>
        request(server)
          .get(`/api/energy${path}`)
          .query(query)
          .set('Authorization', user);
      const cases: Array<[string, object, number]> = [
        ['/summary', {}, 400],
        ['/storage', {}, 400],
        ['/storage', { entityRef: 'resource:default/../nas-1' }, 400],
        ['/overview', { window: '1y' }, 400],
        ['/summary', { entityRef: 'not a ref:::' }, 400],
        ['/summary', { entityRef: 'component:default/nope' }, 404],
        ['/summary', { entityRef: 'component:default/../../etc/passwd' }, 400],
        ['/summary', { entityRef: 'x'.repeat(600) }, 400],
        [
          '/summary',
          { entityRef: 'component:default/jellyfin', extra: '1' },
          400,
        ],
        [
          '/series',
          { entityRef: 'component:default/jellyfin', range: '1y' },
          400,
        ],
        [
          '/series',
          { entityRef: 'component:default/jellyfin', step: '-5' },
          400,
        ],
        [
          '/series',
          { entityRef: 'component:default/jellyfin', step: '1e9' },
          400,
        ],
        [
          '/series',
          { entityRef: 'component:default/jellyfin', step: '0' },
          400,
        ],
        ['/top', { limit: '1000' }, 400],
        ['/top', { window: '1d' }, 400],
      ];
      for (const [path, query, status] of cases) {
        const res = await get(path, query);
        expect({ path, query, status: res.status }).toEqual({
          path,
          query,
          status,
        });
        expect(res.body.error?.message).toEqual(expect.any(String));
      }
    });

    it('is not polluted through query keys, and refuses a 16 KB query string', async () => {
      const server = await startBackend();
      for (const attack of [
        '__proto__[polluted]=1',
        'constructor[prototype][polluted]=1',
      ]) {
        const res = await request(server)
          .get(
            `/api/energy/summary?entityRef=component%3Adefault%2Fjellyfin&${attack}`,
          )
          .set('Authorization', user);
        // the query parser drops such keys (200) or the validator refuses them (400)
        expect([200, 400]).toContain(res.status);
      }
      expect(({} as any).polluted).toBeUndefined();
      expect((Object.prototype as any).polluted).toBeUndefined();
      const long = await request(server)
        .get(`/api/energy/summary?entityRef=${'x'.repeat(17_000)}`)
        .set('Authorization', user);
      expect([400, 414, 431]).toContain(long.status);
    });

    it('checks the overview permission', async () => {
      const server = await startBackend(
        {},
        { permission: AuthorizeResult.DENY },
      );
      const res = await request(server)
        .get('/api/energy/overview')
        .set('Authorization', user);
      expect(res.status).toBe(403);
    });

    it('serves its OpenAPI spec', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/energy/openapi.json')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/api/energy/summary', '/api/energy/overview']),
      );
    });
  });

  describe('upstream failures', () => {
    const prometheus = new FakePrometheus();
    let baseUrl: string;
    beforeAll(async () => {
      baseUrl = await prometheus.start();
    });
    afterAll(() => prometheus.stop());

    const summary = async (config: object = {}) => {
      const server = await startBackend({
        prometheus: { baseUrl, timeoutSeconds: 1 },
        cacheTtlSeconds: 0,
        ...config,
      });
      return request(server)
        .get('/api/energy/summary')
        .query({ entityRef: 'resource:default/sff-1' })
        .set('Authorization', user);
    };

    it.each([
      [
        'a Prometheus error (bad_data)',
        (_req: any, res: any) =>
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(
              '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\""}',
            ),
        /refused the query \(bad_data\): invalid parameter/,
      ],
      [
        'a Prometheus timeout',
        (_req: any, res: any) =>
          res
            .writeHead(503, { 'content-type': 'application/json' })
            .end(
              '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
            ),
        /refused the query \(timeout\)/,
      ],
      [
        'an execution error',
        (_req: any, res: any) =>
          res
            .writeHead(422, { 'content-type': 'application/json' })
            .end(
              '{"status":"error","errorType":"execution","error":"query processing would load too many samples"}',
            ),
        /\(execution\): query processing would load too many samples/,
      ],
      [
        'an HTML 502 from an ingress',
        (_req: any, res: any) =>
          res
            .writeHead(502, { 'content-type': 'text/html' })
            .end('<html><body><h1>502 Bad Gateway</h1></body></html>'),
        /HTTP 502 with an HTML page/,
      ],
      [
        'truncated JSON',
        (_req: any, res: any) =>
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(
              '{"status":"success","data":{"resultType":"vector","result":[{"met',
            ),
        /HTTP 200 with an unreadable body/,
      ],
      [
        'a server that never answers',
        () => undefined,
        /did not answer within 1 s/,
      ],
    ])(
      'turns %s into a 503 with the reason',
      async (_name, handler, message) => {
        prometheus.handler = handler as any;
        const res = await summary();
        expect(res.status).toBe(503);
        expect(res.body.error.message).toMatch(message);
      },
    );

    it('turns a refused connection into a 503', async () => {
      const closed = createServer();
      await new Promise<void>(resolve =>
        closed.listen(0, '127.0.0.1', resolve),
      );
      const { port } = closed.address() as AddressInfo;
      await new Promise(resolve => closed.close(resolve));
      const res = await summary({
        prometheus: { baseUrl: `http://127.0.0.1:${port}`, timeoutSeconds: 1 },
      });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /cannot be reached \(ECONNREFUSED\)/,
      );
    });

    it('passes on warnings with partial data, and keeps missing series as no data', async () => {
      prometheus.handler = (req, res) => {
        const query = new URLSearchParams(req.body).get('query') ?? '';
        // power: one target only, with a warning; energy: nothing at all
        const body = query.startsWith('sum_over_time')
          ? vectorAnswer([])
          : vectorAnswer(
              ['42.5'],
              ['PromQL info: metric might not be a counter'],
            );
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      };
      const res = await summary();
      expect(res.status).toBe(200);
      expect(res.body.powerW).toBe(42.5);
      expect(res.body.windows['24h']).toEqual({
        energyKWh: null,
        cost: null,
        co2Kg: null,
      });
      expect(res.body.warnings).toContain(
        'Prometheus: PromQL info: metric might not be a counter',
      );
    });

    it('caches answers: a second request within the TTL does not reach Prometheus', async () => {
      prometheus.handler = (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(vectorAnswer(['10']));
      };
      const server = await startBackend({
        prometheus: { baseUrl },
        cacheTtlSeconds: 300,
      });
      const ask = () =>
        request(server)
          .get('/api/energy/summary')
          .query({ entityRef: 'resource:default/sff-1' })
          .set('Authorization', user);
      const before = prometheus.requests.length;
      expect((await ask()).status).toBe(200);
      const afterFirst = prometheus.requests.length;
      expect(afterFirst - before).toBe(4);
      expect((await ask()).body.powerW).toBe(10);
      expect(prometheus.requests.length).toBe(afterFirst);
    });

    it('never sends a token anywhere but the Authorization header, and sends a query timeout', async () => {
      prometheus.handler = (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(vectorAnswer(['1']));
      };
      await summary({
        prometheus: { baseUrl, timeoutSeconds: 3, token: 's3cr3t-token' },
      });
      const last = prometheus.requests[prometheus.requests.length - 1];
      expect(last.body.get('timeout')).toBe('3s');
      expect(last.body.toString()).not.toContain('s3cr3t');
      expect(last.path).not.toContain('s3cr3t');
    });
  });
});
