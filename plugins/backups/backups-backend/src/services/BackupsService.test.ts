import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SEED_POLICIES } from '@homelab-portal/plugin-backups-common';
import { FakeKube, backup } from '../__testUtils__/fakeKube';
import { BackupsService } from './BackupsService';
import { ResticReader } from './ResticReader';
import { LiveBackupSource } from './sources';
import { VeleroReader } from './VeleroReader';

const run = promisify(execFile);
const describeWithRestic =
  process.env.CI === 'true' || existsSync('/usr/bin/restic')
    ? describe
    : describe.skip;
const PASSWORD = 'backups-service-test';
const credentials = mockCredentials.user();

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/admins',
    lifecycle: 'production',
  },
});

describeWithRestic(
  'BackupsService over a live Velero (fake API) and a real restic repository',
  () => {
    const kube = new FakeKube();
    let kubeUrl: string;
    let silent: Server;
    let silentUrl: string;
    let dir: string;
    let repository: string;
    const recent = (minutes: number) =>
      new Date(Date.now() - minutes * 60_000).toISOString();

    beforeAll(async () => {
      kube.add(
        'backups',
        backup('jellyfin-config', {
          phase: 'Completed',
          namespaces: ['jellyfin'],
          completed: recent(30),
          ttl: '2160h',
        }),
      );
      kube.objects.get('backups')![0].spec.labelSelector = {
        matchLabels: { app: 'jellyfin' },
      };
      kube.add(
        'backups',
        backup('other-app', {
          phase: 'Completed',
          namespaces: ['jellyfin'],
          completed: recent(10),
          ttl: '2160h',
        }),
      );
      kube.objects.get('backups')![1].spec.labelSelector = {
        matchLabels: { app: 'sidecar' },
      };
      kube.add(
        'backups',
        backup('cluster-nightly', {
          phase: 'Completed',
          namespaces: ['*'],
          completed: recent(600),
          ttl: '720h',
          schedule: 'cluster-state-daily',
        }),
      );
      kubeUrl = await kube.start();
      silent = createServer(() => undefined);
      await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
      silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;

      dir = await mkdtemp(join(tmpdir(), 'backups-service-'));
      repository = join(dir, 'repo');
      const env = {
        ...process.env,
        RESTIC_REPOSITORY: repository,
        RESTIC_PASSWORD: PASSWORD,
        RESTIC_CACHE_DIR: join(dir, 'cache'),
      };
      await mkdir(join(dir, 'kiwix'));
      await writeFile(join(dir, 'kiwix', 'wikipedia.zim'), 'zim');
      await run('/usr/bin/restic', ['init'], { env });
      await run(
        '/usr/bin/restic',
        ['backup', join(dir, 'kiwix'), '--tag', 'kiwix', '--host', 'nas'],
        { env },
      );
    }, 60_000);

    afterAll(async () => {
      await kube.stop();
      silent.closeAllConnections();
      await new Promise(r => silent.close(r));
      await rm(dir, { recursive: true, force: true });
    });

    function service() {
      return BackupsService.create({
        catalog: catalogServiceMock({
          entities: [
            component('jellyfin', {
              'backstage.io/kubernetes-namespace': 'jellyfin',
              'backstage.io/kubernetes-label-selector': 'app=jellyfin',
              'homelab-portal.io/backup-policy': 'configs',
            }),
            component('kiwix', {
              'homelab-portal.io/backup-policy': 'media',
              'homelab-portal.io/restic':
                'repository=nas-media,tags=kiwix,host=nas',
            }),
            component('wiki-other-host', {
              'homelab-portal.io/backup-policy': 'media',
              'homelab-portal.io/restic':
                'repository=nas-media,tags=kiwix,host=elsewhere',
            }),
            component('cluster', {
              'homelab-portal.io/backup-policy': 'cluster-state',
              'homelab-portal.io/velero-schedules': 'cluster-state-daily',
            }),
          ],
        }),
        source: new LiveBackupSource({
          clusters: [
            { name: 'homelab', url: kubeUrl, serviceAccountToken: kube.token },
            { name: 'silent', url: silentUrl },
          ],
          repositories: [
            { name: 'nas-media', repository, password: PASSWORD },
            { name: 'gone', repository: join(dir, 'nope'), password: PASSWORD },
          ],
          velero: new VeleroReader({ namespace: 'velero', timeoutMs: 1000 }),
          restic: new ResticReader({ timeoutMs: 20_000 }),
          logger: mockServices.logger.mock(),
          cacheSeconds: 60,
        }),
        policies: SEED_POLICIES,
        policyByType: {},
      });
    }

    it('maps Velero backups by namespace and labels, restic snapshots by tag and host, and says what failed', async () => {
      const backups = service();
      const jellyfin = await backups.entity(
        'component:default/jellyfin',
        credentials,
      );
      expect(jellyfin.runs.map(r => r.id).sort()).toEqual([
        'cluster-nightly',
        'jellyfin-config',
      ]);
      expect(jellyfin.lastGood?.id).toBe('jellyfin-config');
      expect(jellyfin.rpo).toBe('ok');
      expect(jellyfin.retention).toBe('ok');
      expect(jellyfin.warnings.join('\n')).toMatch(
        /Kubernetes \(silent\) did not answer within 1 s/,
      );
      expect(jellyfin.warnings.join('\n')).toMatch(
        /restic cannot list repository gone/,
      );
      expect(jellyfin.warnings.join('\n')).not.toContain(PASSWORD);

      const kiwix = await backups.entity(
        'component:default/kiwix',
        credentials,
      );
      expect(kiwix.lastGood?.tool).toBe('restic');
      expect(kiwix.rpo).toBe('ok');
      const other = await backups.entity(
        'component:default/wiki-other-host',
        credentials,
      );
      expect(other.lastGood).toBeNull();
      expect(other.rpo).toBe('breached');

      const cluster = await backups.entity(
        'component:default/cluster',
        credentials,
      );
      expect(cluster.runs.map(r => r.id)).toEqual(['cluster-nightly']);
      expect(cluster.retention).toBe('ok');
    });
  },
);
