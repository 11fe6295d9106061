import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { seedCatalog } from '@homelab-portal/test-utils';
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { backupsPlugin } from '../plugin';
import { spec } from './openapi';

// a backend start and the spec's schemas compiled: seconds on a busy machine
jest.setTimeout(60_000);

const user = mockCredentials.user.header();

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      backupsPlugin,
      catalogServiceMock.factory({ entities: seedCatalog() }),
      mockServices.rootConfig.factory({ data: {} }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

// Each answer the router really sends, checked against the spec's response
// schema (with its components), so the spec and the generated client types
// cannot drift from the router.
const ajv = new Ajv2020({ strict: false, allErrors: true });
function expectMatchesSpec(
  path: keyof typeof spec.paths,
  res: { status: number; body: unknown },
) {
  const response = (spec.paths as any)[path].get.responses[String(res.status)];
  expect({ path, status: res.status, documented: !!response }).toEqual({
    path,
    status: res.status,
    documented: true,
  });
  const resolved = response.$ref ? spec.components.responses.Error : response;
  const validate = ajv.compile({
    ...resolved.content['application/json'].schema,
    components: spec.components,
  });
  validate(res.body);
  expect({ path, errors: validate.errors ?? [] }).toEqual({
    path,
    errors: [],
  });
}

describe('the backups OpenAPI spec', () => {
  it('describes what every route really answers', async () => {
    const server = await startBackend();
    const get = (url: string) =>
      request(server).get(`/api/backups${url}`).set('Authorization', user);
    const ref = encodeURIComponent('component:default/keycloak');

    const overview = await get('/overview');
    expect(overview.status).toBe(200);
    expect(overview.body.policies.length).toBeGreaterThan(0);
    expectMatchesSpec('/overview', overview);

    const entity = await get(`/entity?entityRef=${ref}`);
    expect(entity.status).toBe(200);
    expect(entity.body.runs.length).toBeGreaterThan(0);
    expectMatchesSpec('/entity', entity);

    const readiness = await get('/readiness');
    expect(readiness.status).toBe(200);
    expect(readiness.body.procedures.map((p: any) => p.id)).toEqual([
      'partial',
      'node',
      'cluster',
      'site',
    ]);
    expectMatchesSpec('/readiness', readiness);

    const recovery = await get(`/readiness/entity?entityRef=${ref}`);
    expect(recovery.status).toBe(200);
    expectMatchesSpec('/readiness/entity', recovery);

    const missing = await get('/entity?entityRef=component%3Adefault%2Fnope');
    expect(missing.status).toBe(404);
    expectMatchesSpec('/entity', missing);
  });

  it('validates requests against the spec, and serves it', async () => {
    const server = await startBackend();
    const short = await request(server)
      .get('/api/backups/readiness/entity?entityRef=x')
      .set('Authorization', user);
    expect(short.status).toBe(400);
    // the validator's wording, which the handlers' own checks do not use
    expect(short.body.error.message).toMatch(/request\/query\/entityRef/);
    const served = await request(server)
      .get('/api/backups/openapi.json')
      .set('Authorization', user);
    expect(served.status).toBe(200);
    expect(Object.keys(served.body.paths).sort()).toEqual(
      Object.keys(spec.paths)
        .map(path => `/api/backups${path}`)
        .sort(),
    );
  });
});
