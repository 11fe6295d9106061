import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { seedCatalog } from '@homelab-portal/test-utils';
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { energyPlugin } from '../plugin';
import { spec } from './openapi';

// a backend start and the spec's schemas compiled: seconds on a busy machine
jest.setTimeout(60_000);

const user = mockCredentials.user.header();

// Each answer the router really sends (demo source: the same routes and code
// path as the live one), checked against the spec's response schema with its
// components, so the spec and the generated client types cannot drift.
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

describe('the energy OpenAPI spec', () => {
  it('describes what every route really answers', async () => {
    const { server } = await startTestBackend({
      features: [
        energyPlugin,
        catalogServiceMock.factory({ entities: seedCatalog() }),
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const get = (url: string) =>
      request(server).get(`/api/energy${url}`).set('Authorization', user);
    const service = encodeURIComponent('component:default/jellyfin');
    const nas = encodeURIComponent('resource:default/nas-1');

    const answers: Array<[keyof typeof spec.paths, string, number]> = [
      ['/summary', `/summary?entityRef=${service}`, 200],
      ['/series', `/series?entityRef=${service}&range=7d`, 200],
      ['/top', '/top?window=30d&limit=5', 200],
      ['/storage', `/storage?entityRef=${nas}`, 200],
      ['/overview', '/overview?window=7d', 200],
      ['/summary', '/summary?entityRef=component%3Adefault%2Fnope', 404],
      ['/overview', '/overview?window=1y', 400],
    ];
    for (const [path, url, status] of answers) {
      const res = await get(url);
      expect({ url, status: res.status }).toEqual({ url, status });
      expectMatchesSpec(path, res);
    }
  });
});
