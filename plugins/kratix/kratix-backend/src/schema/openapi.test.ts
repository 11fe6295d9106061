import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readPromiseDocuments } from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { kratixPlugin } from '../plugin';
import { spec } from './openapi';

// a backend start and the spec's schemas compiled: seconds on a busy machine
jest.setTimeout(60_000);

const keycloak = entitiesForPromise(
  readPromiseDocuments(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../../../../../promises/keycloak-client/promise.yaml',
      ),
      'utf8',
    ),
  )[0],
  { location: 'file:promise.yaml' },
  {
    owner: 'group:default/admins',
    lifecycle: 'production',
    requestsPath: 'x',
    allowedHosts: [],
  },
).api;

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

describe('the kratix OpenAPI spec', () => {
  it('describes what every request route really answers', async () => {
    const { server } = await startTestBackend({
      features: [
        kratixPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({ entities: [keycloak as any] }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              gitea: [{ host: 'git.lab.local', password: 'token' }],
            },
          },
        }),
      ],
    });
    const user = mockCredentials.user.header();
    const body = {
      promiseEntityRef: 'api:default/keycloak-client-promise',
      manifest: {
        apiVersion: 'platform.lab.local/v1alpha1',
        kind: 'KeycloakClient',
        metadata: { name: 'grafana', namespace: 'default' },
        spec: {
          clientId: 'grafana',
          redirectUris: ['https://grafana.lab.local/login/generic_oauth'],
        },
      },
      forge: 'gitea',
      pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/3',
    };
    const post = (sent: object) =>
      request(server)
        .post('/api/kratix/requests')
        .set('Authorization', user)
        .send(sent);
    const get = (url: string) =>
      request(server).get(`/api/kratix${url}`).set('Authorization', user);

    const created = await post(body);
    expect(created.status).toBe(201);
    expectMatchesSpec('/requests', 'post', created);
    const again = await post(body);
    expect(again.status).toBe(200);
    expectMatchesSpec('/requests', 'post', again);
    const bad = await post({ ...body, forge: 'svn' });
    expect(bad.status).toBe(400);
    expectMatchesSpec('/requests', 'post', bad);

    const list = await get('/requests?requester=me&limit=5');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expectMatchesSpec('/requests', 'get', list);
    const one = await get(`/requests/${created.body.id}`);
    expect(one.status).toBe(200);
    expectMatchesSpec('/requests/{id}', 'get', one);
    const missing = await get('/requests/2d4a1c9e-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expectMatchesSpec('/requests/{id}', 'get', missing);
    const anonymous = await request(server).get('/api/kratix/requests');
    expect(anonymous.status).toBe(401);
    expectMatchesSpec('/requests', 'get', anonymous);

    const local = await get(`/local-git/commits/${'a'.repeat(40)}`);
    expect(local.status).toBe(404);
    expectMatchesSpec('/local-git/commits/{sha}', 'get', local);
  });
});
