import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { DecisionStore } from '../database/DecisionStore';
import { cyberneticsPlugin } from '../plugin';
import { spec } from './openapi';

// a backend start and the spec's schemas compiled: seconds on a busy machine
jest.setTimeout(60_000);

// The response schemas of the spec, with its components: a body the router
// really sent is checked against what the spec (and the client) promise.
const ajv = new Ajv2020({ strict: false, allErrors: true });
function expectMatchesSpec(
  route: keyof typeof spec.paths,
  method: 'get' | 'post',
  res: { status: number; body: unknown },
) {
  const operation = (spec.paths as any)[route][method];
  const response = operation.responses[String(res.status)];
  expect({ route, method, status: res.status, documented: !!response }).toEqual(
    { route, method, status: res.status, documented: true },
  );
  const resolved = response.$ref
    ? (spec.components.responses as any)[response.$ref.split('/').pop()]
    : response;
  const validate = ajv.compile({
    ...resolved.content['application/json'].schema,
    components: spec.components,
  });
  validate(res.body);
  expect({ route, method, errors: validate.errors ?? [] }).toEqual({
    route,
    method,
    errors: [],
  });
}

describe('the cybernetics OpenAPI spec', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('describes what every route really answers', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        cyberneticsPlugin,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        mockServices.database.factory({ knex }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const store = await DecisionStore.create({
      getClient: async () => knex,
      migrations: { skip: true },
    } as any);
    const { decision } = await store.open({
      policy: 'disk-full',
      entityRef: 'resource:default/sff-1',
      autonomy: 'propose',
      title: 'Less than 10% disk left on sff-1',
      diagnosis: 'd',
      evidence: [{ label: 'Alert', value: 'DiskFull', query: 'up' }],
      risk: 'low',
      rationale: 'r',
      source: 'live',
      fingerprint: 'a',
      state: 'proposed',
      runbook: { title: 'Disk full', url: '/docs/default/component/x' },
      action: {
        type: 'silence',
        title: 's',
        alertmanager: 'lab',
        matchers: [{ name: 'a', value: 'b', isRegex: false, isEqual: true }],
        durationMinutes: 60,
      },
    });
    const user = mockCredentials.user.header();
    const get = (url: string) =>
      request(server).get(`/api/cybernetics${url}`).set('Authorization', user);

    const list = await get('/decisions?limit=1');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expectMatchesSpec('/decisions', 'get', list);
    const badState = await get('/decisions?state=hacked');
    expect(badState.status).toBe(400);
    expectMatchesSpec('/decisions', 'get', badState);

    const one = await get(`/decisions/${decision.id}`);
    expect(one.status).toBe(200);
    expectMatchesSpec('/decisions/{id}', 'get', one);
    const missing = await get(
      '/decisions/2d4a1c9e-0000-4000-8000-000000000000',
    );
    expect(missing.status).toBe(404);
    expectMatchesSpec('/decisions/{id}', 'get', missing);

    const denied = await request(server)
      .post(`/api/cybernetics/decisions/${decision.id}/approve`)
      .set('Authorization', user)
      .send({});
    expect(denied.status).toBe(403);
    expectMatchesSpec('/decisions/{id}/approve', 'post', denied);

    const loop = await get('/loop');
    expect(loop.status).toBe(200);
    expectMatchesSpec('/loop', 'get', loop);
    const anonymous = await request(server).get('/api/cybernetics/loop');
    expect(anonymous.status).toBe(401);
    expectMatchesSpec('/loop', 'get', anonymous);
  });
});
