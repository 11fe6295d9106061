import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { seedCatalog } from '@homelab-portal/test-utils';
import { backupsPlugin } from './plugin';

const user = mockCredentials.user.header();

async function startBackend(
  permission = AuthorizeResult.ALLOW as
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY,
) {
  const { server } = await startTestBackend({
    features: [
      backupsPlugin,
      catalogServiceMock.factory({ entities: seedCatalog() }),
      mockServices.rootConfig.factory({ data: {} }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({ result: permission }),
    ],
  });
  return server;
}

describe('backups backend plugin (demo source)', () => {
  const entity = async (server: any, ref: string) =>
    (
      await request(server)
        .get('/api/backups/entity')
        .query({ entityRef: ref })
        .set('Authorization', user)
    ).body;

  it('judges each service by its policy: RPO, failures with their reason, restore drill, next run', async () => {
    const server = await startBackend();
    const keycloak = await entity(server, 'component:default/keycloak');
    expect(keycloak.source).toBe('demo');
    expect(keycloak.policy).toBe('databases');
    expect(keycloak.rpo).toBe('ok');
    expect(keycloak.retention).toBe('ok');
    expect(keycloak.recentFailures[0].failureReason).toMatch(
      /pre-hook "pg_dump"/,
    );
    expect(keycloak.lastRestore.id).toBe('drill-keycloak');
    const next = Date.parse(keycloak.nextRunAt) - Date.now();
    expect(next).toBeGreaterThan(0);
    expect(next).toBeLessThanOrEqual(3600_000);

    const cluster = await entity(server, 'resource:default/homelab-cluster');
    expect(cluster.policy).toBe('cluster-state');
    expect(cluster.rpo).toBe('ok');
    expect(cluster.recentFailures[0].failureReason).toMatch(
      /BackupStorageLocation "nas" is unavailable/,
    );
    expect(cluster.reasons).toContain('No restore drill on record');

    const jellyfin = await entity(server, 'component:default/jellyfin');
    expect(jellyfin.policy).toBe('media');
    expect(jellyfin.lastGood.tool).toBe('restic');
    expect(jellyfin.rpo).toBe('ok');

    const grafana = await entity(server, 'component:default/grafana');
    expect(grafana.policy).toBe('configs');
    expect(grafana.recentFailures).toEqual([]);

    const ollama = await entity(server, 'component:default/ollama');
    expect(ollama.policy).toBeNull();
    expect(ollama.reasons).toContain('No backup policy applies');
  });

  it('gives compliance per policy, the unprotected services and a calendar of runs', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/backups/overview')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const byPolicy = Object.fromEntries(
      res.body.policies.map((p: any) => [
        p.policy.name,
        p.entities.map((e: any) => e.entityRef).sort(),
      ]),
    );
    expect(byPolicy.databases).toEqual([
      'component:default/gitea',
      'component:default/homelab-portal',
      'component:default/keycloak',
      'component:default/vault',
    ]);
    expect(byPolicy.media).toEqual([
      'component:default/jellyfin',
      'component:default/kiwix',
    ]);
    expect(byPolicy['cluster-state']).toEqual([
      'resource:default/homelab-cluster',
    ]);
    expect(res.body.unprotected.map((u: any) => u.entityRef)).toContain(
      'component:default/ollama',
    );
    expect(res.body.unprotected.map((u: any) => u.entityRef)).not.toContain(
      'component:default/keycloak',
    );
    expect(res.body.days.length).toBeGreaterThan(30);
    expect(res.body.days.some((d: any) => d.failed > 0)).toBe(true);
  });

  it('refuses missing credentials, bad refs, unknown entities, and the overview without permission', async () => {
    const server = await startBackend();
    expect(
      (
        await request(server).get(
          '/api/backups/entity?entityRef=component%3Adefault%2Fkeycloak',
        )
      ).status,
    ).toBe(401);
    expect((await request(server).get('/api/backups/overview')).status).toBe(
      401,
    );
    const bad = await request(server)
      .get('/api/backups/entity')
      .query({ entityRef: 'component:default/../x' })
      .set('Authorization', user);
    expect(bad.status).toBe(400);
    const extra = await request(server)
      .get('/api/backups/entity')
      .query({ entityRef: 'component:default/keycloak', x: '1' })
      .set('Authorization', user);
    expect(extra.status).toBe(400);
    const missing = await request(server)
      .get('/api/backups/entity')
      .query({ entityRef: 'component:default/nope' })
      .set('Authorization', user);
    expect(missing.status).toBe(404);
    const denied = await startBackend(AuthorizeResult.DENY);
    expect(
      (
        await request(denied)
          .get('/api/backups/overview')
          .set('Authorization', user)
      ).status,
    ).toBe(403);
  });
});
