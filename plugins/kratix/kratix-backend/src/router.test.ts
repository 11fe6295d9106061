/* eslint-disable no-script-url */ // A script URL is one of this test's bad inputs.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { readPromiseDocuments } from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { kratixPlugin } from './plugin';

const promisesDir = path.resolve(__dirname, '../../../../promises');
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

async function startBackend(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    tracking?: { maxOpenRequestsPerUser?: number; maxOpenRequests?: number };
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      kratixPlugin,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
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
            gitea: [{ host: 'git.lab.local', password: 'secret-gitea-token' }],
          },
          ...(options.tracking
            ? { kratix: { tracking: options.tracking } }
            : {}),
        },
      }),
    ],
  });
  return server;
}

describe('the kratix routes', () => {
  let server: any;
  beforeAll(async () => {
    server = await startBackend();
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
  const post = (body: unknown, to = server) =>
    request(to)
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
    [
      'a pull request URL with an encoded dot segment',
      {
        ...good,
        pullRequestUrl: 'https://git.lab.local/homelab/%2e%2e/pulls/3',
      },
      400,
      /not a Gitea pull request/,
    ],
    [
      'a pull request URL with a backslash',
      {
        ...good,
        pullRequestUrl: 'https://git.lab.local/homelab\\gitops/pulls/3',
      },
      400,
      /not a Gitea pull request/,
    ],
    [
      'a pull request on github.com, which is not configured',
      { ...good, pullRequestUrl: 'https://github.com/a/b/pull/1' },
      400,
      /no integration serves github\.com/,
    ],
    [
      'a forge that is not the one of the URL',
      { ...good, forge: 'gitlab' },
      400,
      /is on gitea, not gitlab/,
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

  it('keeps prototype-pollution keys in the body and the query as plain data', async () => {
    const body = JSON.parse(
      JSON.stringify({
        ...good,
        pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/30',
      }).replace('{', '{"__proto__":{"polluted":true},'),
    );
    expect((await post(body)).status).toBe(201);
    const spec = await post({
      ...good,
      pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/31',
      manifest: {
        ...manifest,
        spec: JSON.parse(
          '{"clientId":"x","constructor":{"prototype":{"polluted":true}}}',
        ),
      },
    });
    expect(spec.status).toBe(400);
    expect(spec.body.error.message).toMatch(/constructor/);
    const list = await request(server)
      .get(
        '/api/kratix/requests?__proto__[polluted]=1&constructor[prototype][polluted]=1',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(list.status).toBe(200);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('registers a pull request once: again for the same request is no change, for another a conflict', async () => {
    const again = {
      ...good,
      pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/50',
    };
    const first = await post(again);
    expect(first.status).toBe(201);
    const retried = await post(again);
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(first.body.id);
    const other = await post({
      ...again,
      manifest: { ...manifest, metadata: { name: 'other' } },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain(first.body.id);
  });

  it('pages the list server side, 200 at most', async () => {
    for (const n of [40, 41, 42]) {
      expect(
        (
          await post({
            ...good,
            pullRequestUrl: `https://git.lab.local/homelab/gitops/pulls/${n}`,
          })
        ).status,
      ).toBe(201);
    }
    const get = (query: string) =>
      request(server)
        .get(`/api/kratix/requests?${query}`)
        .set('Authorization', mockCredentials.user.header());
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await get(
        `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: any) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = await get('limit=200');
    expect(all.body.nextCursor).toBeUndefined();
    expect(seen).toEqual(all.body.items.map((i: any) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);

    for (const bad of [
      'limit=201',
      'limit=0',
      'limit=ten',
      'limit=1&limit=2',
      'cursor=nope',
      `cursor=${'x'.repeat(5000)}`,
      'open=true&open=false',
    ]) {
      const res = await get(bad);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    expect((await get(`promise=${'x'.repeat(16_000)}`)).status).toBe(400);
  });
});

describe('the kratix routes, for a user without kratix.request.create', () => {
  it('refuses to register a request (403) and records nothing', async () => {
    const server = await startBackend({ permission: AuthorizeResult.DENY });
    const res = await request(server)
      .post('/api/kratix/requests')
      .set('Authorization', mockCredentials.user.header())
      .send({
        promiseEntityRef: 'api:default/keycloak-client-promise',
        manifest: {
          apiVersion: 'platform.lab.local/v1alpha1',
          kind: 'KeycloakClient',
          metadata: { name: 'grafana' },
          spec: { clientId: 'grafana' },
        },
        forge: 'gitea',
        pullRequestUrl: 'https://git.lab.local/homelab/gitops/pulls/3',
      });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/kratix\.request\.create/);
    const list = await request(server)
      .get('/api/kratix/requests')
      .set('Authorization', mockCredentials.user.header());
    expect(list.body.items).toEqual([]);
  });
});

describe('the kratix routes, with limits on open requests', () => {
  const body = (n: number) => ({
    promiseEntityRef: 'api:default/keycloak-client-promise',
    manifest: {
      apiVersion: 'platform.lab.local/v1alpha1',
      kind: 'KeycloakClient',
      metadata: { name: `client-${n}` },
      spec: {
        clientId: `client-${n}`,
        redirectUris: ['https://grafana.lab.local/login/generic_oauth'],
      },
    },
    forge: 'gitea',
    pullRequestUrl: `https://git.lab.local/homelab/gitops/pulls/${n}`,
  });
  const postAs = (server: any, user: string, n: number) =>
    request(server)
      .post('/api/kratix/requests')
      .set('Authorization', mockCredentials.user.header(user))
      .send(body(n));

  it('refuses a user more open requests than allowed (429), and everyone beyond the overall limit', async () => {
    const server = await startBackend({
      tracking: { maxOpenRequestsPerUser: 2, maxOpenRequests: 3 },
    });
    expect((await postAs(server, 'user:default/a', 1)).status).toBe(201);
    expect((await postAs(server, 'user:default/a', 2)).status).toBe(201);
    const third = await postAs(server, 'user:default/a', 3);
    expect(third.status).toBe(429);
    expect(third.body.error.message).toMatch(/You have 2 Kratix requests/);
    expect((await postAs(server, 'user:default/b', 4)).status).toBe(201);
    const overall = await postAs(server, 'user:default/c', 5);
    expect(overall.status).toBe(429);
    expect(overall.body.error.message).toMatch(/3 Kratix requests are on/);
  });
});
