/* eslint-disable no-script-url */ // A script URL is one of this test's bad inputs.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  entitiesForPromise,
  readPromiseDocuments,
} from '@homelab-portal/plugin-kratix-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { kratixPlugin } from './plugin';

const promisesDir = path.resolve(__dirname, '../../../promises');
const keycloak = entitiesForPromise(
  readPromiseDocuments(
    fs.readFileSync(
      path.join(promisesDir, 'keycloak-client/promise.yaml'),
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

describe('the kratix routes', () => {
  let server: any;
  beforeAll(async () => {
    ({ server } = await startTestBackend({
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
              gitea: [
                { host: 'git.lab.local', password: 'secret-gitea-token' },
              ],
            },
          },
        }),
      ],
    }));
  });

  const manifest = {
    apiVersion: 'platform.lab.local/v1alpha1',
    kind: 'KeycloakClient',
    metadata: { name: 'grafana', namespace: 'default' },
    spec: {
      clientId: 'grafana',
      redirectUris: ['https://grafana.lab.local/login/generic_oauth'],
    },
  };
  const good = {
    promiseEntityRef: 'api:default/keycloak-client-promise',
    manifest,
    forge: 'gitea',
    pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/3',
  };
  const post = (body: unknown) =>
    request(server)
      .post('/api/kratix/requests')
      .set('Authorization', mockCredentials.user.header())
      .send(body as object);

  it('refuses every route without credentials, and services may not file requests', async () => {
    expect((await request(server).get('/api/kratix/requests')).status).toBe(
      401,
    );
    expect(
      (
        await request(server).get(
          '/api/kratix/requests/2d4a1c9e-0000-4000-8000-000000000000',
        )
      ).status,
    ).toBe(401);
    expect(
      (await request(server).post('/api/kratix/requests').send(good)).status,
    ).toBe(401);
    const asService = await request(server)
      .post('/api/kratix/requests')
      .set('Authorization', mockCredentials.service.header())
      .send(good);
    expect(asService.status).toBe(403);
  });

  it('records a good request for the signed-in user', async () => {
    const res = await post(good);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      requester: mockCredentials.user().principal.userEntityRef,
      promise: 'keycloak-client',
      kind: 'KeycloakClient',
      plural: 'keycloakclients',
      state: 'pr-open',
    });
    expect(res.body.events).toEqual([
      expect.objectContaining({
        state: 'pr-open',
        message: expect.stringContaining('/pulls/3'),
      }),
    ]);
  });

  it.each([
    [
      'a javascript: pull request URL',
      { ...good, pullRequestUrl: 'javascript:alert(1)' },
      400,
      /http/,
    ],
    [
      'a forge no integration serves',
      { ...good, pullRequestUrl: 'https://evil.example/a/b/pulls/1' },
      400,
      /no integration serves evil\.example/,
    ],
    [
      'a URL that is no pull request',
      {
        ...good,
        pullRequestUrl: 'https://git.lab.local/homelab/gitops/src/../../x',
      },
      400,
      /not a Gitea pull request/,
    ],
    ['an unknown forge', { ...good, forge: 'svn' }, 400, /forge/],
    [
      'an unknown Promise',
      { ...good, promiseEntityRef: 'api:default/nope' },
      404,
      /No catalog entity/,
    ],
    [
      'a manifest of another kind',
      { ...good, manifest: { ...manifest, kind: 'Other' } },
      400,
      /not a KeycloakClient/,
    ],
    [
      'a spec the Promise refuses',
      { ...good, manifest: { ...manifest, spec: { clientId: 'Bad Id' } } },
      400,
      /does not fit the Promise/,
    ],
    [
      'a bad name',
      { ...good, manifest: { ...manifest, metadata: { name: '../etc' } } },
      400,
      /metadata\.name/,
    ],
    ['no body', undefined, 400, /Invalid request/],
  ])('refuses %s', async (_what, body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/secret-gitea-token/);
  });

  it('refuses an oversized body', async () => {
    const res = await post({ ...good, padding: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const auth = mockCredentials.user.header();
    expect(
      (
        await request(server)
          .get('/api/kratix/requests/..%2F..%2Fetc')
          .set('Authorization', auth)
      ).status,
    ).toBe(400);
    expect(
      (
        await request(server)
          .get('/api/kratix/requests/2d4a1c9e-0000-4000-8000-000000000000')
          .set('Authorization', auth)
      ).status,
    ).toBe(404);
  });
});
