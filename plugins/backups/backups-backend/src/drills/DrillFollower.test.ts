import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DRILL_LABEL } from '@homelab-portal/plugin-backups-common';
import {
  FakeKubeApi,
  PASSWORD,
  ResticLab,
  deployment,
  veleroCrds,
} from '../__testUtils__/recoveryLab';
import { ClusterReader } from '../readiness/ClusterReader';
import { DrillFollower } from './DrillFollower';
import { DrillStore } from './DrillStore';
import { ResticDrill } from './ResticDrill';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** A Velero Restore as the restore-drill template writes it. */
function restore(name: string, status?: object, mapping = true) {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: {
      name,
      namespace: 'velero',
      labels: { [DRILL_LABEL]: 'true' },
      annotations: { 'homelab-portal.io/entity': 'component:default/keycloak' },
    },
    spec: {
      backupName: 'keycloak-hourly-20261201',
      includedNamespaces: ['keycloak'],
      ...(mapping ? { namespaceMapping: { keycloak: `${name}-scratch` } } : {}),
      restorePVs: true,
    },
    ...(status ? { status } : {}),
  };
}

describe('Restore drills followed to a verified result', () => {
  const kube = new FakeKubeApi(veleroCrds(), 'kube-token');
  const restic = new ResticLab();
  let store: DrillStore;
  let follower: DrillFollower;
  let now = new Date('2026-12-01T12:00:00Z');
  let scratchRoot: string;

  beforeAll(async () => {
    await restic.create();
    scratchRoot = join(restic.dir, 'scratch');
    const url = await kube.start();
    const knex = await databases.init('SQLITE_3');
    store = await DrillStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    const cluster = { name: 'homelab', url, serviceAccountToken: 'kube-token' };
    follower = new DrillFollower({
      clusters: [cluster],
      veleroNamespace: 'velero',
      reader: new ClusterReader({
        veleroNamespace: 'velero',
        timeoutMs: 10_000,
      }),
      store,
      restic: new ResticDrill({
        scratchRoot,
        timeoutMs: 60_000,
        sampleSize: 3,
      }),
      repositories: [
        { name: 'nas-media', repository: restic.media, password: PASSWORD },
      ],
      drillTimeoutSeconds: 1800,
      logger: mockServices.logger.mock(),
      clock: () => now,
    });
  });

  afterAll(async () => {
    await kube.stop();
    await restic.remove();
  });

  it('follows a Velero restore into a scratch namespace until its workload is Ready, and measures the time to recover', async () => {
    kube.put(
      restore('drill-keycloak-1', {
        phase: 'InProgress',
        startTimestamp: '2026-12-01T11:58:00Z',
      }),
    );
    await follower.poll();
    expect(await store.get('velero:homelab/drill-keycloak-1')).toMatchObject({
      status: 'running',
      entityRef: 'component:default/keycloak',
      scratch: 'drill-keycloak-1-scratch',
      source: 'keycloak-hourly-20261201',
    });

    // Velero is done, but the restored Deployment is not Ready yet
    now = new Date('2026-12-01T12:01:00Z');
    kube.setStatus('velero.io/v1', 'Restore', 'velero', 'drill-keycloak-1', {
      phase: 'Completed',
      startTimestamp: '2026-12-01T11:58:00Z',
      completionTimestamp: '2026-12-01T11:59:30Z',
    });
    kube.put(
      deployment('drill-keycloak-1-scratch', 'keycloak', {
        replicas: 1,
        ready: 0,
      }),
    );
    await follower.poll();
    const waiting = await store.get('velero:homelab/drill-keycloak-1');
    expect(waiting!.status).toBe('running');
    expect(waiting!.checks).toContain('Waiting: keycloak 0/1 Ready');

    // Ready: available at 12:02:12, 4 min 12 s after the restore started
    now = new Date('2026-12-01T12:03:00Z');
    kube.put(
      deployment('drill-keycloak-1-scratch', 'keycloak', {
        replicas: 1,
        ready: 1,
        availableAt: '2026-12-01T12:02:12Z',
      }),
    );
    await follower.poll();
    const verified = await store.get('velero:homelab/drill-keycloak-1');
    expect(verified).toMatchObject({
      status: 'verified',
      finishedAt: '2026-12-01T12:02:12.000Z',
      durationSeconds: 252,
    });
    expect(verified!.checks).toEqual([
      'Velero restore Completed from backup keycloak-hourly-20261201',
      '1 workload Ready in drill-keycloak-1-scratch: keycloak',
    ]);

    // a verified result stays, even when the Restore is cleaned up
    kube.delete('velero.io/v1', 'Restore', 'velero', 'drill-keycloak-1');
    await follower.poll();
    expect((await store.get('velero:homelab/drill-keycloak-1'))!.status).toBe(
      'verified',
    );
  });

  it('records a failed Velero restore, one that never gets Ready, and one without a scratch namespace', async () => {
    kube.put(
      restore('drill-failed', {
        phase: 'PartiallyFailed',
        startTimestamp: '2026-12-01T12:00:00Z',
        failureReason: '<img src=x onerror=alert(1)> bucket unreachable',
      }),
    );
    kube.put(
      restore('drill-slow', {
        phase: 'Completed',
        startTimestamp: '2026-12-01T11:00:00Z',
      }),
    );
    kube.put(deployment('drill-slow-scratch', 'keycloak', { ready: 0 }));
    kube.put(restore('drill-in-place', { phase: 'New' }, false));
    await follower.poll();
    expect(await store.get('velero:homelab/drill-failed')).toMatchObject({
      status: 'failed',
      durationSeconds: null,
      checks: [
        'Velero restore PartiallyFailed: <img src=x onerror=alert(1)> bucket unreachable',
      ],
    });
    expect(await store.get('velero:homelab/drill-slow')).toMatchObject({
      status: 'failed',
      checks: [
        'Velero restore Completed from backup keycloak-hourly-20261201',
        'Not Ready within 30 min: keycloak 0/1 Ready',
      ],
    });
    expect(
      (await store.get('velero:homelab/drill-in-place'))!.checks[0],
    ).toMatch(/^The Restore has no namespaceMapping/);
  });

  it('fails a running drill whose Restore disappears', async () => {
    kube.put(restore('drill-gone', { phase: 'InProgress' }));
    await follower.poll();
    kube.delete('velero.io/v1', 'Restore', 'velero', 'drill-gone');
    await follower.poll();
    expect(await store.get('velero:homelab/drill-gone')).toMatchObject({
      status: 'failed',
      checks: [
        'The Restore was deleted from the cluster before the drill finished',
      ],
    });
  });

  it('runs a restic drill with real restic: restore into a scratch path, restic check, and a checksum sample', async () => {
    const snapshot = await restic.snapshotId(restic.media);
    kube.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'drill-jellyfin-1',
        namespace: 'velero',
        labels: { [DRILL_LABEL]: 'true' },
        annotations: {
          'homelab-portal.io/entity': 'component:default/jellyfin',
        },
      },
      data: { repository: 'nas-media', snapshot: snapshot.slice(0, 8) },
    });
    await follower.poll();
    const drill = await store.get('restic:homelab/drill-jellyfin-1');
    expect(drill).toMatchObject({
      status: 'verified',
      tool: 'restic',
      target: snapshot,
      source: 'nas-media',
      entityRef: 'component:default/jellyfin',
      scratch: join(scratchRoot, 'drill-jellyfin-1'),
    });
    expect(drill!.durationSeconds).toBeGreaterThan(0);
    expect(drill!.checks[0]).toMatch(
      new RegExp(
        `^restored snapshot ${snapshot.slice(
          0,
          8,
        )} \\(8 files\\) into .* in \\d+\\.\\d s$`,
      ),
    );
    expect(drill!.checks.slice(1)).toEqual([
      'restic check: no errors found',
      'checksum sample: 3 of 8 files match the repository (SHA-256 and size)',
    ]);
    // the scratch path is cleaned up
    expect(await readdir(scratchRoot)).toEqual([]);
  });

  it('fails a restic drill on a damaged repository, an unknown repository or a bad snapshot id', async () => {
    const snapshot = await restic.snapshotId(restic.media);
    // damage the repository: overwrite every data pack
    const dataDir = join(restic.media, 'data');
    for (const sub of await readdir(dataDir)) {
      for (const pack of await readdir(join(dataDir, sub))) {
        await writeFile(join(dataDir, sub, pack), 'not a pack any more');
      }
    }
    await rm(join(restic.dir, 'cache'), { recursive: true, force: true });
    const request = (name: string, data: Record<string, string>) =>
      kube.put({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name,
          namespace: 'velero',
          labels: { [DRILL_LABEL]: 'true' },
        },
        data,
      });
    request('drill-damaged', { repository: 'nas-media', snapshot });
    request('drill-unknown', { repository: 'offsite', snapshot });
    request('drill-injected', {
      repository: 'nas-media',
      snapshot: '--password-file=/etc/shadow',
    });
    await follower.poll();
    const damaged = await store.get('restic:homelab/drill-damaged');
    expect(damaged!.status).toBe('failed');
    expect(damaged!.durationSeconds).toBeNull();
    expect(damaged!.checks.join('\n')).toMatch(/restic (restore|check)/);
    expect(damaged!.checks.join('\n')).not.toContain(PASSWORD);
    expect(await store.get('restic:homelab/drill-unknown')).toMatchObject({
      status: 'failed',
      checks: [
        '"offsite" is not a configured restic repository (backups.restic.repositories)',
      ],
    });
    expect((await store.get('restic:homelab/drill-injected'))!.checks).toEqual([
      '"--password-file=/etc/shadow" is not a restic snapshot id (8 to 64 hex digits, or latest)',
    ]);
  });
});
