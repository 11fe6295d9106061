import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { seedCatalog } from '@homelab-portal/test-utils';
import { createAlertsBackendClient } from '@homelab-portal/plugin-alerts-common';
import Ajv2020 from 'ajv/dist/2020';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { alertsPlugin } from '../plugin';
import { spec } from './openapi';

// a backend start and the spec's schemas compiled: seconds on a busy machine
jest.setTimeout(60_000);

const user = mockCredentials.user.header('user:default/resident');
const TOKEN = 'webhook-s3cret';

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      alertsPlugin,
      catalogServiceMock.factory({ entities: seedCatalog() }),
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

// The response schemas of the spec, with its components, so that a body the
// router really sent can be checked against what the spec (and the generated
// clients) promise.
const ajv = new Ajv2020({ strict: false, allErrors: true });
type Method = 'get' | 'post' | 'delete';
function expectMatchesSpec(
  path: keyof typeof spec.paths,
  method: Method,
  res: { status: number; body: unknown },
) {
  const operation = (spec.paths as any)[path][method];
  const response = operation.responses[String(res.status)];
  expect({ path, method, status: res.status, documented: !!response }).toEqual({
    path,
    method,
    status: res.status,
    documented: true,
  });
  const resolved = response.$ref
    ? (spec.components.responses as any).Error
    : response;
  const schema = resolved.content?.['application/json']?.schema;
  if (!schema) {
    expect(res.body).toEqual({});
    return;
  }
  const validate = ajv.compile({ ...schema, components: spec.components });
  const valid = validate(res.body);
  expect({ path, method, errors: validate.errors ?? [] }).toEqual({
    path,
    method,
    errors: [],
  });
  expect(valid).toBe(true);
}

describe('the alerts OpenAPI spec', () => {
  it('describes what every route really answers', async () => {
    const server = await startBackend();
    const get = (url: string) =>
      request(server).get(`/api/alerts${url}`).set('Authorization', user);
    const post = (url: string, body: object, auth = user) =>
      request(server)
        .post(`/api/alerts${url}`)
        .set('Authorization', auth)
        .send(body);

    const overview = await get('/overview');
    expect(overview.status).toBe(200);
    expectMatchesSpec('/overview', 'get', overview);
    const alert = overview.body.alerts.find(
      (a: any) => a.entityRefs.length > 0,
    );
    expect(alert).toBeDefined();
    const entityRef = alert.entityRefs[0];

    const webhook = await post(
      '/webhook/demo',
      {
        version: '4',
        status: 'firing',
        alerts: [
          {
            status: 'firing',
            labels: alert.labels,
            annotations: {},
            startsAt: new Date(Date.now() - 60_000).toISOString(),
            endsAt: '0001-01-01T00:00:00Z',
            fingerprint: alert.fingerprint,
          },
        ],
      },
      `Bearer ${TOKEN}`,
    );
    expect(webhook.status).toBe(200);
    expectMatchesSpec('/webhook/{alertmanager}', 'post', webhook);

    const entity = await get(`/entity?${new URLSearchParams({ entityRef })}`);
    expect(entity.status).toBe(200);
    expect(entity.body.alerts.length).toBeGreaterThan(0);
    expectMatchesSpec('/entity', 'get', entity);

    const history = await get(
      `/history?${new URLSearchParams({ entityRef, days: '7', limit: '5' })}`,
    );
    expect(history.status).toBe(200);
    expect(history.body.events.length).toBeGreaterThan(0);
    expectMatchesSpec('/history', 'get', history);

    const silence = await post('/silences', {
      alertmanager: 'demo',
      matchers: `alertname="${alert.alertname}"`,
      durationMinutes: 30,
      comment: 'maintenance',
    });
    expect(silence.status).toBe(201);
    expectMatchesSpec('/silences', 'post', silence);

    const silences = await get('/silences');
    expect(silences.status).toBe(200);
    expect(silences.body.silences.length).toBeGreaterThan(0);
    expectMatchesSpec('/silences', 'get', silences);

    const ack = await post('/acknowledge', {
      alertmanager: 'demo',
      fingerprint: alert.fingerprint,
    });
    expect(ack.status).toBe(201);
    expectMatchesSpec('/acknowledge', 'post', ack);

    const expired = await request(server)
      .delete(`/api/alerts/silences/demo/${silence.body.id}`)
      .set('Authorization', user);
    expect(expired.status).toBe(204);
    expectMatchesSpec('/silences/{alertmanager}/{id}', 'delete', expired);

    const missing = await get('/entity?entityRef=component%3Adefault%2Fnope');
    expect(missing.status).toBe(404);
    expectMatchesSpec('/entity', 'get', missing);
  });

  it('validates requests against the spec before a handler runs', async () => {
    const server = await startBackend();
    const short = await request(server)
      .get('/api/alerts/entity?entityRef=x')
      .set('Authorization', user);
    expect(short.status).toBe(400);
    // the validator's wording, which the handlers' own checks do not use
    expect(short.body.error.message).toMatch(/request\/query\/entityRef/);
    const id = await request(server)
      .delete('/api/alerts/silences/demo/not-a-uuid')
      .set('Authorization', user);
    expect(id.status).toBe(400);
    expect(id.body.error.message).toMatch(/request\/params\/id/);
  });

  it('serves itself at /openapi.json with every route', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/alerts/openapi.json')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual(
      Object.keys(spec.paths)
        .map(path => `/api/alerts${path}`)
        .sort(),
    );
  });

  it('is what the generated client of alerts-common talks to', async () => {
    const server = await startBackend();
    const { port } = server.address() as AddressInfo;
    const sent: string[] = [];
    const client = createAlertsBackendClient({
      baseUrl: `http://127.0.0.1:${port}/api/alerts`,
      fetch: async req => {
        sent.push(`${req.method} ${new URL(req.url).pathname}`);
        req.headers.set('authorization', user);
        return fetch(req);
      },
    });
    const overview = await client.GET('/overview');
    expect(overview.response.status).toBe(200);
    const alert = overview.data!.alerts.find(a => a.entityRefs.length > 0)!;
    const entity = await client.GET('/entity', {
      params: { query: { entityRef: alert.entityRefs[0] } },
    });
    expect(entity.data!.alerts.map(a => a.fingerprint)).toContain(
      alert.fingerprint,
    );
    const created = await client.POST('/silences', {
      body: {
        alertmanager: 'demo',
        matchers: `alertname="${alert.alertname}"`,
        durationMinutes: 15,
        comment: 'from the typed client',
      },
    });
    expect(created.response.status).toBe(201);
    const expired = await client.DELETE('/silences/{alertmanager}/{id}', {
      params: { path: { alertmanager: 'demo', id: created.data!.id } },
    });
    expect(expired.response.status).toBe(204);
    const refused = await client.GET('/entity', {
      params: { query: { entityRef: 'component:default/nope' } },
    });
    expect(refused.response.status).toBe(404);
    expect(refused.error?.error.message).toMatch(/nope/);
    expect(sent).toEqual([
      'GET /api/alerts/overview',
      'GET /api/alerts/entity',
      'POST /api/alerts/silences',
      `DELETE /api/alerts/silences/demo/${created.data!.id}`,
      'GET /api/alerts/entity',
    ]);
  });
});
