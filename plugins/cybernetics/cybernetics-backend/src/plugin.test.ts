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
import request from 'supertest';
import { DecisionStore } from './database/DecisionStore';
import { cyberneticsPlugin } from './plugin';

const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ send: async () => {} }),
});

describe('the cybernetics routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let server: any;
  let store: DecisionStore;
  let proposedId: string;
  let observedId: string;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    ({ server } = await startTestBackend({
      features: [
        cyberneticsPlugin,
        notifications,
        mockServices.database.factory({ knex }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    }));
    store = await DecisionStore.create({
      getClient: async () => knex,
      migrations: { skip: true },
    } as any);
    const base = {
      policy: 'disk-full',
      entityRef: 'resource:default/sff-1',
      autonomy: 'propose' as const,
      title: 'Less than 10% disk left on sff-1',
      diagnosis: '<b>markup</b> stays text',
      evidence: [{ label: 'Alert', value: 'DiskFull (critical)' }],
      risk: 'low' as const,
      rationale: 'r',
      source: 'live' as const,
    };
    proposedId = (
      await store.open({
        ...base,
        fingerprint: 'a',
        state: 'proposed',
        action: {
          type: 'silence',
          title: 's',
          alertmanager: 'lab',
          matchers: [],
          durationMinutes: 60,
        },
      })
    ).decision.id;
    observedId = (
      await store.open({
        ...base,
        fingerprint: 'b',
        state: 'observed',
        action: { type: 'none', title: 'Observe' },
      })
    ).decision.id;
  });

  it('refuses every route without credentials', async () => {
    for (const [method, url] of [
      ['get', '/api/cybernetics/decisions'],
      ['get', `/api/cybernetics/decisions/${proposedId}`],
      ['post', `/api/cybernetics/decisions/${proposedId}/approve`],
      ['post', `/api/cybernetics/decisions/${proposedId}/reject`],
      ['post', `/api/cybernetics/decisions/${proposedId}/acknowledge`],
      ['get', '/api/cybernetics/loop'],
    ] as const) {
      expect([
        method,
        url,
        (await request(server)[method](url)).status,
      ]).toEqual([method, url, 401]);
    }
  });

  it('folds a second finding with the same fingerprint into the open decision', async () => {
    const again = await store.open({
      fingerprint: 'a',
      policy: 'disk-full',
      entityRef: 'resource:default/sff-1',
      state: 'proposed',
      autonomy: 'propose',
      title: 't',
      diagnosis: 'd',
      evidence: [],
      action: { type: 'none', title: 'n' },
      risk: 'low',
      rationale: 'r',
      source: 'live',
    });
    expect(again).toMatchObject({
      created: false,
      decision: { id: proposedId },
    });
  });

  const user = mockCredentials.user.header('user:default/resident');

  it('lists and shows decisions to signed-in users, with filters', async () => {
    const all = await request(server)
      .get('/api/cybernetics/decisions')
      .set('Authorization', user);
    expect(all.body.items.map((d: any) => d.id).sort()).toEqual(
      [proposedId, observedId].sort(),
    );
    const proposed = await request(server)
      .get('/api/cybernetics/decisions?state=proposed,approved')
      .set('Authorization', user);
    expect(proposed.body.items.map((d: any) => d.id)).toEqual([proposedId]);
    const one = await request(server)
      .get(`/api/cybernetics/decisions/${proposedId}`)
      .set('Authorization', user);
    expect(one.body).toMatchObject({
      id: proposedId,
      diagnosis: '<b>markup</b> stays text',
      // a silence needs no GitOps repository
      executability: { executable: true },
    });
    expect(one.body).not.toHaveProperty('taskId');
    expect(one.body.audit).toEqual([
      expect.objectContaining({
        actor: 'cybernetics',
        from: null,
        to: 'proposed',
      }),
    ]);
  });

  it('pages the list, newest first, and bounds the page', async () => {
    const first = await request(server)
      .get('/api/cybernetics/decisions?limit=1')
      .set('Authorization', user);
    expect(first.body).toMatchObject({ total: 2, nextOffset: 1 });
    expect(first.body.items).toHaveLength(1);
    const second = await request(server)
      .get('/api/cybernetics/decisions?limit=1&offset=1')
      .set('Authorization', user);
    expect(second.body.total).toBe(2);
    expect(second.body).not.toHaveProperty('nextOffset');
    expect([first.body.items[0].id, second.body.items[0].id].sort()).toEqual(
      [proposedId, observedId].sort(),
    );
    for (const bad of ['limit=0', 'limit=501', 'limit=x', 'offset=-1']) {
      const res = await request(server)
        .get(`/api/cybernetics/decisions?${bad}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
    }
  });

  it.each([
    ['an unknown state', '/api/cybernetics/decisions?state=hacked', 400],
    ['an unknown query field', '/api/cybernetics/decisions?sql=1', 400],
    ['a malformed id', '/api/cybernetics/decisions/..%2F..%2Fetc', 400],
    [
      'an unknown id',
      '/api/cybernetics/decisions/2d4a1c9e-0000-4000-8000-000000000000',
      404,
    ],
  ])('answers %s with %s', async (_what, url, status) => {
    expect(
      (await request(server).get(url).set('Authorization', user)).status,
    ).toBe(status);
  });

  it('lets no one without the permission approve or reject', async () => {
    for (const verb of ['approve', 'reject', 'acknowledge']) {
      const res = await request(server)
        .post(`/api/cybernetics/decisions/${proposedId}/${verb}`)
        .set('Authorization', user)
        .send({});
      expect(res.status).toBe(403);
    }
    expect((await store.get(proposedId))!.state).toBe('proposed');
  });

  it('refuses an oversized body', async () => {
    const res = await request(server)
      .post(`/api/cybernetics/decisions/${proposedId}/approve`)
      .set('Authorization', user)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ comment: 'x'.repeat(40_000) }));
    expect(res.status).toBe(413);
  });
});

describe('the cybernetics routes for someone with the permission', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  it('rejects with the reviewer in the audit, and refuses (409) to approve what cannot be carried out', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        cyberneticsPlugin,
        notifications,
        mockServices.database.factory({ knex }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const store = await DecisionStore.create({
      getClient: async () => knex,
      migrations: { skip: true },
    } as any);
    const base = {
      policy: 'p',
      entityRef: 'resource:default/sff-1',
      autonomy: 'propose' as const,
      title: 't',
      diagnosis: 'd',
      evidence: [],
      risk: 'low' as const,
      rationale: 'r',
      source: 'live' as const,
      state: 'proposed' as const,
    };
    const none = (
      await store.open({
        ...base,
        fingerprint: 'n',
        action: { type: 'none', title: 'n' },
      })
    ).decision;
    const change = (
      await store.open({
        ...base,
        fingerprint: 'c',
        action: {
          type: 'gitops-change',
          title: 'c',
          file: 'a.yaml',
          before: null,
          after: 'a: 1\n',
          diff: '',
        },
      })
    ).decision;
    const admin = mockCredentials.user.header('user:default/operator');
    // only a page is acknowledged
    const notAPage = await request(server)
      .post(`/api/cybernetics/decisions/${none.id}/acknowledge`)
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/operator'),
      )
      .send({});
    expect(notAPage.status).toBe(409);
    expect(notAPage.body.error.message).toMatch(/^Only an open page/);

    const noAction = await request(server)
      .post(`/api/cybernetics/decisions/${none.id}/approve`)
      .set('Authorization', admin)
      .send({});
    expect(noAction.status).toBe(409);
    expect(noAction.body.error.message).toMatch(
      /^This decision cannot be carried out: It proposes no action/,
    );

    // With no GitOps repository configured, a change cannot become a pull
    // request: approving it is refused, and it stays open, unaudited.
    const shownChange = await request(server)
      .get(`/api/cybernetics/decisions/${change.id}`)
      .set('Authorization', admin);
    expect(shownChange.body.executability).toMatchObject({
      executable: false,
      reason: expect.stringContaining('cybernetics.gitops'),
    });
    const approved = await request(server)
      .post(`/api/cybernetics/decisions/${change.id}/approve`)
      .set('Authorization', admin)
      .send({});
    expect(approved.status).toBe(409);
    expect(approved.body.error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /no(ne)? configured \(cybernetics\.gitops\).*Make the change by hand: apply its diff to a\.yaml/,
      ),
    });
    const after = await store.get(change.id);
    expect(after?.state).toBe('proposed');
    expect(after?.audit).toHaveLength(1);

    const rejected = await request(server)
      .post(`/api/cybernetics/decisions/${none.id}/reject`)
      .set('Authorization', admin)
      .send({ comment: 'not now' });
    expect(rejected.body.state).toBe('rejected');
    expect(rejected.body.audit.at(-1)).toMatchObject({
      actor: 'user:default/operator',
      from: 'proposed',
      to: 'rejected',
      note: 'Rejected: not now',
    });
    const again = await request(server)
      .post(`/api/cybernetics/decisions/${none.id}/reject`)
      .set('Authorization', admin)
      .send({});
    expect(again.status).toBe(400);
  });
});

describe('the cybernetics routes with a GitOps repository', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  it('approves a proposed change and hands it to the executor', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        cyberneticsPlugin,
        notifications,
        mockServices.database.factory({ knex }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            cybernetics: {
              // no loop cycle during the test
              schedule: {
                frequency: { hours: 24 },
                timeout: { minutes: 1 },
                initialDelay: { hours: 1 },
              },
              gitops: {
                repoUrl: 'git.lab.local?owner=homelab&repo=gitops',
                browseUrl:
                  'https://git.lab.local/homelab/gitops/src/branch/main',
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const store = await DecisionStore.create({
      getClient: async () => knex,
      migrations: { skip: true },
    } as any);
    const change = (
      await store.open({
        fingerprint: 'c',
        policy: 'p',
        entityRef: 'resource:default/sff-1',
        autonomy: 'propose',
        title: 't',
        diagnosis: 'd',
        evidence: [],
        risk: 'low',
        rationale: 'r',
        source: 'live',
        state: 'proposed',
        action: {
          type: 'gitops-change',
          title: 'c',
          file: 'a.yaml',
          before: null,
          after: 'a: 1\n',
          diff: '',
        },
      })
    ).decision;
    const admin = mockCredentials.user.header('user:default/operator');
    const shown = await request(server)
      .get(`/api/cybernetics/decisions/${change.id}`)
      .set('Authorization', admin);
    expect(shown.body.executability).toEqual({ executable: true });

    const approved = await request(server)
      .post(`/api/cybernetics/decisions/${change.id}/approve`)
      .set('Authorization', admin)
      .send({ comment: 'go' });
    expect(approved.status).toBe(200);
    // Approved under the reviewer's name; no scaffolder runs in this test,
    // so starting the pull request fails, and the audit says so.
    expect(approved.body.audit.map((a: any) => [a.to, a.actor])).toEqual([
      ['proposed', 'cybernetics'],
      ['approved', 'user:default/operator'],
      ['failed', 'cybernetics'],
    ]);
    expect(approved.body.audit.at(-1).note).toMatch(/^Could not carry it out/);
  });
});
