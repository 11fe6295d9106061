import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { seedCatalog } from '@homelab-portal/test-utils';
import { alertsPlugin } from './plugin';

const user = mockCredentials.user.header('user:default/resident');
const TOKEN = 'webhook-s3cret';

async function startBackend(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    entities?: Entity[];
  } = {},
) {
  const { server } = await startTestBackend({
    features: [
      alertsPlugin,
      catalogServiceMock.factory({
        entities: [...seedCatalog(), ...(options.entities ?? [])],
      }),
      mockServices.rootConfig.factory({
        data: { alerts: { webhook: { token: TOKEN }, pollSeconds: 3600 } },
      }),
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

const webhook = (alerts: object[], status = 'firing') => ({
  version: '4',
  groupKey: '{}:{alertname="NodeDown"}',
  truncatedAlerts: 0,
  status,
  receiver: 'portal',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts,
});

const nodeDown = (
  status: 'firing' | 'resolved',
  startsAt: string,
  endsAt = '0001-01-01T00:00:00Z',
) => ({
  status,
  labels: {
    alertname: 'NodeDown',
    severity: 'critical',
    node: 'sff-3',
    instance: 'sff-3.lab.local:9100',
    job: 'node',
  },
  annotations: { summary: 'sff-3 is down' },
  startsAt,
  endsAt,
  generatorURL: 'http://prometheus:9090/graph',
  fingerprint: '5f1e2d3c4b5a6978',
});

describe('alerts backend plugin (demo source)', () => {
  it('maps the demo alerts to nodes, services and their systems, labelled as demo', async () => {
    const server = await startBackend();
    const get = (ref: string) =>
      request(server)
        .get('/api/alerts/entity')
        .query({ entityRef: ref })
        .set('Authorization', user);
    const nas = await get('resource:default/nas-1');
    expect(nas.status).toBe(200);
    expect(nas.body.source).toBe('demo');
    expect(nas.body.alerts.map((a: any) => a.alertname)).toEqual(['DiskFull']);
    const keycloak = await get('component:default/keycloak');
    expect(keycloak.body.alerts.map((a: any) => a.alertname)).toEqual([
      'CertExpiring',
    ]);
    const platform = await get('system:default/platform-services');
    expect(platform.body.alerts.map((a: any) => a.alertname)).toEqual([
      'CertExpiring',
    ]);
    const physical = await get('system:default/physical-infrastructure');
    expect(physical.body.alerts.map((a: any) => a.alertname).sort()).toEqual([
      'DiskFull',
      'HighCPU',
      'HighMemory',
    ]);
    const jellyfin = await get('component:default/jellyfin');
    expect(jellyfin.body.alerts).toEqual([]);

    const overview = await request(server)
      .get('/api/alerts/overview')
      .set('Authorization', user);
    expect(overview.body.bySeverity).toEqual({ critical: 1, warning: 3 });
    const disk = overview.body.alerts.find(
      (a: any) => a.alertname === 'DiskFull',
    );
    expect(disk.entityRefs).toEqual([
      'domain:default/homelab',
      'resource:default/nas-1',
      'system:default/physical-infrastructure',
    ]);
    // the NAS's own matchers pick it; the rest is what the NAS is part of
    expect(disk.matchedEntityRefs).toEqual(['resource:default/nas-1']);
  });

  it('silences and acknowledges for those allowed, recording who did it', async () => {
    const server = await startBackend();
    const created = await request(server)
      .post('/api/alerts/silences')
      .set('Authorization', user)
      .send({
        alertmanager: 'demo',
        matchers: 'alertname="HighCPU", node=~"sff-.*"',
        durationMinutes: 60,
        comment: 'load test',
      });
    expect(created.status).toBe(201);
    const overview = await request(server)
      .get('/api/alerts/overview')
      .set('Authorization', user);
    const cpu = overview.body.alerts.find(
      (a: any) => a.alertname === 'HighCPU',
    );
    expect(cpu.state).toBe('suppressed');
    expect(cpu.silencedBy).toEqual([created.body.id]);

    const disk = overview.body.alerts.find(
      (a: any) => a.alertname === 'DiskFull',
    );
    const ack = await request(server)
      .post('/api/alerts/acknowledge')
      .set('Authorization', user)
      .send({ alertmanager: 'demo', fingerprint: disk.fingerprint });
    expect(ack.status).toBe(201);
    const silences = await request(server)
      .get('/api/alerts/silences')
      .set('Authorization', user);
    const ackSilence = silences.body.silences.find(
      (s: any) => s.id === ack.body.id,
    );
    expect(ackSilence.createdBy).toBe('user:default/resident');
    expect(ackSilence.comment).toMatch(/^ACK! /);
    expect(ackSilence.matchers).toContainEqual({
      name: 'alertname',
      value: 'DiskFull',
      isRegex: false,
      isEqual: true,
    });
    const minutes =
      (Date.parse(ackSilence.endsAt) - Date.parse(ackSilence.startsAt)) /
      60_000;
    expect(minutes).toBe(15);

    const expired = await request(server)
      .delete(`/api/alerts/silences/demo/${created.body.id}`)
      .set('Authorization', user);
    expect(expired.status).toBe(204);
    const after = await request(server)
      .get('/api/alerts/overview')
      .set('Authorization', user);
    expect(
      after.body.alerts.find((a: any) => a.alertname === 'HighCPU').state,
    ).toBe('active');
  });

  it('refuses silences, acknowledgements and expiry without the permission', async () => {
    const server = await startBackend({ permission: AuthorizeResult.DENY });
    const silence = await request(server)
      .post('/api/alerts/silences')
      .set('Authorization', user)
      .send({
        alertmanager: 'demo',
        matchers: 'alertname="HighCPU"',
        durationMinutes: 60,
        comment: 'x',
      });
    expect(silence.status).toBe(403);
    const ack = await request(server)
      .post('/api/alerts/acknowledge')
      .set('Authorization', user)
      .send({ alertmanager: 'demo', fingerprint: 'abc' });
    expect(ack.status).toBe(403);
    const expire = await request(server)
      .delete('/api/alerts/silences/demo/0b0b0b0b-0000-4000-8000-000000000000')
      .set('Authorization', user);
    expect(expire.status).toBe(403);
  });

  it('refuses every route without credentials, and services may not silence', async () => {
    const server = await startBackend();
    const routes: Array<[string, string]> = [
      ['get', '/api/alerts/entity?entityRef=component%3Adefault%2Fjellyfin'],
      ['get', '/api/alerts/history?entityRef=component%3Adefault%2Fjellyfin'],
      ['get', '/api/alerts/overview'],
      ['get', '/api/alerts/silences'],
      ['post', '/api/alerts/silences'],
      ['post', '/api/alerts/acknowledge'],
      [
        'delete',
        '/api/alerts/silences/demo/0b0b0b0b-0000-4000-8000-000000000000',
      ],
    ];
    for (const [method, path] of routes) {
      const res = await (request(server) as any)[method](path).send({});
      expect({ method, path, status: res.status }).toEqual({
        method,
        path,
        status: 401,
      });
    }
    const asService = await request(server)
      .post('/api/alerts/silences')
      .set('Authorization', mockCredentials.service.header())
      .send({
        alertmanager: 'demo',
        matchers: 'alertname="HighCPU"',
        durationMinutes: 60,
        comment: 'x',
      });
    expect(asService.status).toBe(403);
  });

  it('answers bad input with 400 and a reason', async () => {
    const server = await startBackend();
    const post = (path: string, body: unknown) =>
      request(server)
        .post(`/api/alerts${path}`)
        .set('Authorization', user)
        .send(body as object);
    const cases: Array<[string, unknown, RegExp]> = [
      [
        '/silences',
        {
          alertmanager: 'demo',
          matchers: 'alertname=HighCPU',
          durationMinutes: 60,
          comment: 'x',
        },
        /double-quoted/,
      ],
      [
        '/silences',
        {
          alertmanager: 'demo',
          matchers: 'x=~".*"',
          durationMinutes: 60,
          comment: 'x',
        },
        /silence everything/,
      ],
      [
        '/silences',
        {
          alertmanager: 'demo',
          matchers: 'a="b"',
          durationMinutes: 0,
          comment: 'x',
        },
        /durationMinutes/,
      ],
      [
        '/silences',
        {
          alertmanager: 'demo',
          matchers: 'a="b"',
          durationMinutes: 60,
          comment: '   ',
        },
        /comment/,
      ],
      [
        '/silences',
        {
          alertmanager: '../etc',
          matchers: 'a="b"',
          durationMinutes: 60,
          comment: 'x',
        },
        /alertmanager/,
      ],
      [
        '/silences',
        {
          alertmanager: 'demo',
          matchers: 'a="b"',
          durationMinutes: 60,
          comment: 'x',
          extra: 1,
        },
        /Unrecognized key/i,
      ],
      [
        '/acknowledge',
        { alertmanager: 'demo', fingerprint: 'not-hex' },
        /fingerprint/,
      ],
      ['/silences', '[1,2', /JSON|Unexpected|parse/i],
    ];
    for (const [path, body, message] of cases) {
      const res =
        typeof body === 'string'
          ? await request(server)
              .post(`/api/alerts${path}`)
              .set('Authorization', user)
              .set('content-type', 'application/json')
              .send(body)
          : await post(path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
    const traversal = await request(server)
      .get('/api/alerts/entity')
      .query({ entityRef: 'component:default/../../x' })
      .set('Authorization', user);
    expect(traversal.status).toBe(400);
    const missing = await request(server)
      .get('/api/alerts/entity')
      .query({ entityRef: 'component:default/nope' })
      .set('Authorization', user);
    expect(missing.status).toBe(404);
    const unknownAck = await post('/acknowledge', {
      alertmanager: 'demo',
      fingerprint: 'abcdef',
    });
    expect(unknownAck.status).toBe(404);
    const huge = await post('/silences', {
      alertmanager: 'demo',
      matchers: 'a="b"',
      durationMinutes: 60,
      comment: 'x'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
  });

  it('ignores prototype-pollution keys and refuses a 16 KB query string', async () => {
    const server = await startBackend();
    const polluted = await request(server)
      .post('/api/alerts/silences')
      .set('Authorization', user)
      .set('content-type', 'application/json')
      .send(
        '{"alertmanager":"demo","matchers":"a=\\"b\\"","durationMinutes":5,"comment":"x","__proto__":{"polluted":true}}',
      );
    expect(polluted.status).toBe(400);
    expect(({} as any).polluted).toBeUndefined();
    const query = await request(server)
      .get('/api/alerts/entity')
      .query({
        entityRef: 'component:default/jellyfin',
        __proto__: 'x',
        'constructor.prototype': 'y',
      })
      .set('Authorization', user);
    expect(query.status).toBe(400);
    const labels = await request(server)
      .post('/api/alerts/webhook/demo')
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('content-type', 'application/json')
      .send(
        JSON.stringify(
          webhook([nodeDown('firing', new Date().toISOString())]),
        ).replace(
          '"alertname":"NodeDown"',
          '"__proto__":{"polluted":true},"constructor":"x","alertname":"NodeDown"',
        ),
      );
    expect(labels.status).toBe(200);
    expect(({} as any).polluted).toBeUndefined();
    const long = await request(server)
      .get(`/api/alerts/entity?entityRef=${'x'.repeat(17_000)}`)
      .set('Authorization', user);
    expect([400, 414, 431]).toContain(long.status);
  });

  describe('webhook', () => {
    it('stores firing and resolution from Alertmanager, once, and history answers', async () => {
      const server = await startBackend();
      const deliver = (body: object) =>
        request(server)
          .post('/api/alerts/webhook/demo')
          .set('Authorization', `Bearer ${TOKEN}`)
          .send(body);
      const startsAt = new Date(Date.now() - 3600_000).toISOString();
      const endsAt = new Date(Date.now() - 3000_000).toISOString();
      expect(
        (await deliver(webhook([nodeDown('firing', startsAt)]))).body,
      ).toEqual({ received: 1, stored: 1 });
      expect(
        (await deliver(webhook([nodeDown('firing', startsAt)]))).body,
      ).toEqual({ received: 1, stored: 0 });
      expect(
        (
          await deliver(
            webhook([nodeDown('resolved', startsAt, endsAt)], 'resolved'),
          )
        ).body,
      ).toEqual({
        received: 1,
        stored: 1,
      });
      const history = await request(server)
        .get('/api/alerts/history')
        .query({ entityRef: 'resource:default/sff-3' })
        .set('Authorization', user);
      expect(history.status).toBe(200);
      expect(history.body.events.map((e: any) => [e.status, e.via])).toEqual([
        ['resolved', 'webhook'],
        ['firing', 'webhook'],
      ]);
      expect(history.body.stats).toEqual({
        lastFiredAt: startsAt,
        firings30d: 1,
        mttrSeconds: 600,
      });
      const system = await request(server)
        .get('/api/alerts/entity')
        .query({ entityRef: 'system:default/physical-infrastructure' })
        .set('Authorization', user);
      expect(system.body.stats.firings30d).toBe(1);
    });

    it('refuses forged, unauthenticated and malformed deliveries', async () => {
      const server = await startBackend();
      const body = webhook([nodeDown('firing', new Date().toISOString())]);
      const none = await request(server)
        .post('/api/alerts/webhook/demo')
        .send(body);
      expect(none.status).toBe(401);
      const forged = await request(server)
        .post('/api/alerts/webhook/demo')
        .set('Authorization', 'Bearer guess')
        .send(body);
      expect(forged.status).toBe(401);
      const userToken = await request(server)
        .post('/api/alerts/webhook/demo')
        .set('Authorization', user)
        .send(body);
      expect(userToken.status).toBe(401);
      const auth = { Authorization: `Bearer ${TOKEN}` };
      const bad = await request(server)
        .post('/api/alerts/webhook/demo')
        .set(auth)
        .send(webhook([{ ...nodeDown('firing', 'yesterday') }]));
      expect(bad.status).toBe(400);
      const unknown = await request(server)
        .post('/api/alerts/webhook/elsewhere')
        .set(auth)
        .send(body);
      expect(unknown.status).toBe(404);
      const badName = await request(server)
        .post('/api/alerts/webhook/..%2F..')
        .set(auth)
        .send(body);
      expect(badName.status).toBe(400);
      const tooMany = await request(server)
        .post('/api/alerts/webhook/demo')
        .set(auth)
        .send(
          webhook(
            Array.from({ length: 5001 }, () =>
              nodeDown('firing', new Date().toISOString()),
            ),
          ),
        );
      expect(tooMany.status).toBe(400);
      const history = await request(server)
        .get('/api/alerts/history')
        .query({ entityRef: 'resource:default/sff-3' })
        .set('Authorization', user);
      expect(history.body.events).toEqual([]);
    });

    it('checks the token before it reads the body, and keeps the body bounded', async () => {
      const server = await startBackend();
      const notJson = '{"alerts": [this is not JSON';
      const forged = await request(server)
        .post('/api/alerts/webhook/demo')
        .set('Authorization', 'Bearer guess')
        .set('content-type', 'application/json')
        .send(notJson);
      // a parsed body would have been a 400
      expect(forged.status).toBe(401);
      const anonymous = await request(server)
        .post('/api/alerts/webhook/demo')
        .set('content-type', 'application/json')
        .send(notJson);
      expect(anonymous.status).toBe(401);
      const huge = `{"padding":"${'x'.repeat(3 * 1024 * 1024)}"}`;
      const hugeForged = await request(server)
        .post('/api/alerts/webhook/demo')
        .set('Authorization', 'Bearer guess')
        .set('content-type', 'application/json')
        .send(huge);
      expect(hugeForged.status).toBe(401);
      const hugeSigned = await request(server)
        .post('/api/alerts/webhook/demo')
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('content-type', 'application/json')
        .send(huge);
      expect(hugeSigned.status).toBe(413);
      const signedNotJson = await request(server)
        .post('/api/alerts/webhook/demo')
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('content-type', 'application/json')
        .send(notJson);
      expect(signedNotJson.status).toBe(400);
    });

    it('answers a bad startsAt or endsAt with 400 naming the field', async () => {
      const server = await startBackend();
      const startsAt = new Date(Date.now() - 3600_000).toISOString();
      const deliver = (alert: object) =>
        request(server)
          .post('/api/alerts/webhook/demo')
          .set('Authorization', `Bearer ${TOKEN}`)
          .send(webhook([alert], 'resolved'));
      for (const endsAt of ['soon', '2026-13-45T99:00:00Z', '']) {
        const res = await deliver(nodeDown('resolved', startsAt, endsAt));
        expect({ endsAt, status: res.status }).toEqual({ endsAt, status: 400 });
        expect(res.body.error.message).toMatch(/alerts\.0\.endsAt/);
      }
      const badStart = await deliver(nodeDown('firing', 'not a time'));
      expect(badStart.status).toBe(400);
      expect(badStart.body.error.message).toMatch(/alerts\.0\.startsAt/);
      // what Alertmanager really sends: nanoseconds, and the zero time while firing
      const real = await deliver(
        nodeDown(
          'resolved',
          '2026-11-20T10:00:00.123456789+01:00',
          '2026-11-20T10:10:00.5Z',
        ),
      );
      expect(real.status).toBe(200);
      const firing = await deliver(nodeDown('firing', startsAt));
      expect(firing.status).toBe(200);
    });
  });

  describe('silences from the cybernetics loop', () => {
    const silence = {
      alertmanager: 'demo',
      matchers: '{alertname="HighCPU",node="sff-2"}',
      durationMinutes: 30,
      comment: 'Cybernetic decision: HighCPU during the backup window',
    };
    const asPlugin = (subject: string) =>
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service(subject),
        targetPluginId: 'alerts',
      });
    const createdBy = async (server: any, id: string) => {
      const silences = await request(server)
        .get('/api/alerts/silences')
        .set('Authorization', user);
      return silences.body.silences.find((s: any) => s.id === id)?.createdBy;
    };

    it("accepts the cybernetics plugin's own credentials, and records the decision", async () => {
      // with permissions that deny everything, the service is let in by who it is
      const denying = await startBackend({ permission: AuthorizeResult.DENY });
      const denied = await request(denying)
        .post('/api/alerts/silences')
        .set('Authorization', asPlugin('plugin:cybernetics'))
        .send(silence);
      expect(denied.status).toBe(201);
      const server = await startBackend();
      const plain = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', asPlugin('plugin:cybernetics'))
        .send(silence);
      expect(plain.status).toBe(201);
      expect(await createdBy(server, plain.body.id)).toBe(
        "plugin:cybernetics (the portal's cybernetics loop)",
      );
      const decision = '7d0c5a52-3f7e-4c55-9d1a-0e2f4b6c8a10';
      const withDecision = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', asPlugin('plugin:cybernetics'))
        .send({ ...silence, decisionId: decision });
      expect(withDecision.status).toBe(201);
      expect(await createdBy(server, withDecision.body.id)).toBe(
        `plugin:cybernetics (the portal's cybernetics loop, for decision ${decision})`,
      );
      const badDecision = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', asPlugin('plugin:cybernetics'))
        .send({ ...silence, decisionId: 'x"; rm -rf' });
      expect(badDecision.status).toBe(400);
    });

    it('refuses other plugins, anonymous callers and users without the permission', async () => {
      const server = await startBackend({ permission: AuthorizeResult.DENY });
      const other = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', asPlugin('plugin:catalog'))
        .send(silence);
      expect(other.status).toBe(403);
      const external = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', mockCredentials.service.header())
        .send(silence);
      expect(external.status).toBe(403);
      const anonymous = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', mockCredentials.none.header())
        .send(silence);
      expect(anonymous.status).toBe(401);
      const badToken = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', mockCredentials.service.invalidHeader())
        .send(silence);
      expect(badToken.status).toBe(401);
      const nonAdmin = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', user)
        .send(silence);
      expect(nonAdmin.status).toBe(403);
      // the cybernetics plugin may silence, not acknowledge or expire
      const ack = await request(server)
        .post('/api/alerts/acknowledge')
        .set('Authorization', asPlugin('plugin:cybernetics'))
        .send({ alertmanager: 'demo', fingerprint: 'abc' });
      expect(ack.status).toBe(403);
    });

    it('lets a user name no decision', async () => {
      const server = await startBackend();
      const res = await request(server)
        .post('/api/alerts/silences')
        .set('Authorization', user)
        .send({
          ...silence,
          decisionId: '7d0c5a52-3f7e-4c55-9d1a-0e2f4b6c8a10',
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/decisionId/);
    });
  });

  describe('bad inputs', () => {
    const matcherEntity = (name: string, matchers: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'homelab-portal.io/alert-matchers': matchers },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:admins' },
    });

    it('runs catastrophic annotation regexes in linear time, and reports what RE2 refuses', async () => {
      const server = await startBackend({
        entities: [
          matcherEntity('redos', 'instance=~"(.*.*)*!"'),
          matcherEntity('nested', 'instance=~"((a+)+)+$"'),
          matcherEntity('backref', 'instance=~"(a)\\\\1"'),
        ],
      });
      const long = 'a'.repeat(5000);
      const delivered = await request(server)
        .post('/api/alerts/webhook/demo')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(
          webhook([
            {
              ...nodeDown(
                'firing',
                new Date(Date.now() - 60_000).toISOString(),
              ),
              labels: { alertname: 'Slow', instance: `${long}b` },
              fingerprint: 'aaaa',
            },
            {
              ...nodeDown(
                'firing',
                new Date(Date.now() - 60_000).toISOString(),
              ),
              labels: { alertname: 'Loud', instance: `${long}!` },
              fingerprint: 'bbbb',
            },
          ]),
        );
      expect(delivered.status).toBe(200);
      const get = (name: string) =>
        request(server)
          .get('/api/alerts/history')
          .query({ entityRef: `component:default/${name}` })
          .set('Authorization', user);
      const redos = await get('redos');
      expect(redos.status).toBe(200);
      expect(redos.body.events.map((e: any) => e.alertname)).toEqual(['Loud']);
      const nested = await get('nested');
      expect(nested.body.events).toEqual([]);
      const backref = await request(server)
        .get('/api/alerts/entity')
        .query({ entityRef: 'component:default/backref' })
        .set('Authorization', user);
      expect(backref.status).toBe(200);
      expect(backref.body.warnings.join('\n')).toMatch(
        /component:default\/backref: .*invalid regular expression/,
      );
    });

    it('ignores or refuses prototype-pollution keys in every body', async () => {
      const server = await startBackend();
      const send = (path: string, body: string, auth = user) =>
        request(server)
          .post(`/api/alerts${path}`)
          .set('Authorization', auth)
          .set('content-type', 'application/json')
          .send(body);
      const ack = await send(
        '/acknowledge',
        '{"alertmanager":"demo","fingerprint":"abc","__proto__":{"polluted":true}}',
      );
      expect(ack.status).toBe(400);
      const ctor = await send(
        '/silences',
        '{"alertmanager":"demo","matchers":"a=\\"b\\"","durationMinutes":5,"comment":"x","constructor":{"prototype":{"polluted":true}}}',
      );
      expect(ctor.status).toBe(400);
      const alert = JSON.stringify(
        nodeDown('firing', new Date().toISOString()),
      ).replace(/^\{/, '{"__proto__":{"polluted":true},');
      const delivery = await send(
        '/webhook/demo',
        `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"status":"firing","alerts":[${alert}]}`,
        `Bearer ${TOKEN}`,
      );
      expect(delivery.status).toBe(200);
      expect(delivery.body).toEqual({ received: 1, stored: 1 });
      expect(({} as any).polluted).toBeUndefined();
      const query = await request(server)
        .get(
          '/api/alerts/history?entityRef=resource%3Adefault%2Fsff-3&__proto__[polluted]=1&constructor[prototype][polluted]=1',
        )
        .set('Authorization', user);
      expect(query.status).toBe(400);
      expect(({} as any).polluted).toBeUndefined();
    });

    it('answers oversized bodies on every route that takes one with 413', async () => {
      const server = await startBackend();
      const big = JSON.stringify({ comment: 'x'.repeat(200_000) });
      for (const [method, path] of [
        ['post', '/api/alerts/silences'],
        ['post', '/api/alerts/acknowledge'],
        [
          'delete',
          '/api/alerts/silences/demo/0b0b0b0b-0000-4000-8000-000000000000',
        ],
      ] as const) {
        const res = await request(server)
          [method](path)
          .set('Authorization', user)
          .set('content-type', 'application/json')
          .send(big);
        expect({ path, status: res.status }).toEqual({ path, status: 413 });
      }
    });
  });
});
