import {
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ClusterReadiness,
  NodeReadiness,
  PartialReadiness,
  SEED_POLICIES,
  SiteReadiness,
} from '@homelab-portal/plugin-backups-common';
import {
  FakeArgoCd,
  FakeKubeApi,
  ResticLab,
  PASSWORD,
  ago,
  argoApp,
  component,
  deployment,
  node,
  pdb,
  storageLocation,
  veleroBackup,
  veleroCrds,
} from '../__testUtils__/recoveryLab';
import { DEFAULT_RUNBOOKS } from '../config';
import { DrillStore } from '../drills/DrillStore';
import { ResticReader } from '../services/ResticReader';
import { LiveBackupSource } from '../services/sources';
import { VeleroReader } from '../services/VeleroReader';
import { ArgoCdReader } from './ArgoCdReader';
import { ClusterReader } from './ClusterReader';
import { ReadinessService } from './ReadinessService';

jest.setTimeout(120_000);

const credentials = mockCredentials.user();
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const entities = [
  component('grafana', {
    'argocd/app-name': 'grafana',
    'backstage.io/kubernetes-id': 'grafana',
    'backstage.io/kubernetes-namespace': 'monitoring',
  }),
  component('jellyfin', {
    'argocd/app-name': 'jellyfin',
    'backstage.io/kubernetes-id': 'jellyfin',
    'backstage.io/kubernetes-namespace': 'media',
    'homelab-portal.io/restic': 'repository=nas-media,tags=jellyfin',
  }),
  component('keycloak', {
    'argocd/app-name': 'keycloak',
    'backstage.io/kubernetes-id': 'keycloak',
    'backstage.io/kubernetes-namespace': 'keycloak',
  }),
];

describe('Recovery readiness from the fake cluster, the fake ArgoCD and real restic', () => {
  const kube = new FakeKubeApi(veleroCrds(), 'kube-token');
  const argocd = new FakeArgoCd('argocd-token');
  const restic = new ResticLab();
  let drills: DrillStore;
  let service: ReadinessService;
  let bare: ReadinessService;
  let argoUrl: string;

  const procedures = async () => {
    const {
      procedures: [partial, nodes, cluster, site],
    } = await service.overview(credentials);
    return { partial, nodes, cluster, site } as {
      partial: PartialReadiness;
      nodes: NodeReadiness;
      cluster: ClusterReadiness;
      site: SiteReadiness;
    };
  };

  beforeAll(async () => {
    await restic.create();
    await restic.copy();
    for (const name of ['sff-1', 'sff-2', 'sff-3']) kube.put(node(name));

    // grafana: two replicas and a PodDisruptionBudget, survives a node
    kube.put(deployment('monitoring', 'grafana', { replicas: 2 }));
    kube.put(pdb('monitoring', 'grafana'));
    // jellyfin: one replica, its media on a hostPath, pinned to sff-2
    kube.put(
      deployment('media', 'jellyfin', {
        volumes: [{ name: 'media', hostPath: { path: '/mnt/media' } }],
        nodeSelector: { 'kubernetes.io/hostname': 'sff-2' },
      }),
    );
    // keycloak: a StatefulSet whose data is on a local PersistentVolume on sff-1
    kube.put({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'keycloak', namespace: 'keycloak' },
      spec: {
        replicas: 2,
        serviceName: 'keycloak',
        selector: { matchLabels: { app: 'keycloak' } },
        template: {
          metadata: {
            labels: {
              app: 'keycloak',
              'backstage.io/kubernetes-id': 'keycloak',
            },
          },
          spec: { containers: [{ name: 'keycloak', image: 'keycloak:23' }] },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: 'local-storage',
              resources: { requests: { storage: '1Gi' } },
            },
          },
        ],
      },
    });
    kube.put(pdb('keycloak', 'keycloak'));
    kube.put({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-keycloak-0', namespace: 'keycloak' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local-storage',
        volumeName: 'pv-sff-1-keycloak',
        resources: { requests: { storage: '1Gi' } },
      },
    });
    kube.put({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-sff-1-keycloak' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local-storage',
        local: { path: '/var/lib/keycloak' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  {
                    key: 'kubernetes.io/hostname',
                    operator: 'In',
                    values: ['sff-1'],
                  },
                ],
              },
            ],
          },
        },
      },
    });
    // a system namespace is not judged
    kube.put(deployment('kube-system', 'coredns'));

    // Velero: last night's cluster backup on the NAS, and a weekly copy to S3
    kube.put(storageLocation('nas', 'velero'));
    kube.put(
      storageLocation('offsite-s3', 'homelab-offsite', { offSite: true }),
    );
    kube.put(veleroBackup('cluster-nightly', { completed: ago(3) }));
    kube.put(
      veleroBackup('cluster-weekly-offsite', {
        completed: ago(50),
        storageLocation: 'offsite-s3',
      }),
    );

    argocd.set(
      argoApp('grafana', { automated: { selfHeal: true, prune: true } }),
    );
    argocd.set(argoApp('jellyfin', { automated: { prune: true } }));
    argocd.set(argoApp('keycloak'));

    const [kubeUrl, argoBase] = await Promise.all([
      kube.start(),
      argocd.start(),
    ]);
    argoUrl = argoBase;
    const cluster = {
      name: 'homelab',
      url: kubeUrl,
      serviceAccountToken: 'kube-token',
    };
    const knex = await databases.init('SQLITE_3');
    drills = await DrillStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    const repositories = [
      { name: 'nas-media', repository: restic.media, password: PASSWORD },
      { name: 'offsite-media', repository: restic.offSite, password: PASSWORD },
    ];
    const settings = {
      runbooks: DEFAULT_RUNBOOKS,
      offSite: {
        veleroLocations: [],
        resticRepositories: [{ name: 'offsite-media', copyOf: 'nas-media' }],
        maxAgeSeconds: 7 * 86400,
      },
      drillMaxAgeSeconds: 90 * 86400,
      ignoreNamespaces: ['kube-system'],
      localStorageClasses: ['local-path'],
      policies: SEED_POLICIES,
    };
    const make = (withUpstreams: boolean) =>
      ReadinessService.create({
        catalog: catalogServiceMock({ entities }),
        source: new LiveBackupSource({
          clusters: withUpstreams ? [cluster] : [],
          repositories: withUpstreams ? repositories : [],
          velero: new VeleroReader({ namespace: 'velero', timeoutMs: 10_000 }),
          restic: new ResticReader({ timeoutMs: 30_000 }),
          logger: mockServices.logger.mock(),
          cacheSeconds: 0,
        }),
        argocd: withUpstreams
          ? new ArgoCdReader({
              baseUrl: argoUrl,
              token: 'argocd-token',
              timeoutMs: 10_000,
            })
          : undefined,
        clusters: withUpstreams ? [cluster] : [],
        clusterReader: new ClusterReader({
          veleroNamespace: 'velero',
          timeoutMs: 10_000,
        }),
        drills,
        settings: withUpstreams
          ? settings
          : {
              ...settings,
              offSite: { ...settings.offSite, resticRepositories: [] },
            },
        logger: mockServices.logger.mock(),
        cacheSeconds: 0,
      });
    service = make(true);
    bare = make(false);
  });

  afterAll(async () => {
    await Promise.all([kube.stop(), argocd.stop()]);
    await restic.remove();
  });

  it('computes each procedure from the live sources, with its runbook', async () => {
    const { partial, nodes, cluster, site } = await procedures();

    expect(partial.status).toBe('at-risk');
    expect(partial.summary).toBe(
      '1 of 3 ArgoCD applications heal themselves from Git',
    );
    expect(
      partial.applications.map(a => [a.name, a.selfHeal, a.entityRef]),
    ).toEqual([
      ['jellyfin', false, 'component:default/jellyfin'],
      ['keycloak', false, 'component:default/keycloak'],
      ['grafana', true, 'component:default/grafana'],
    ]);
    expect(partial.reasons).toEqual([
      'jellyfin syncs from Git by itself but does not undo changes made in the cluster (selfHeal is off)',
      'keycloak is synced by hand only (no automated sync policy)',
    ]);
    expect(partial.runbookUrl).toBe(DEFAULT_RUNBOOKS.partial);

    expect(nodes.status).toBe('at-risk');
    expect(nodes.clusters).toEqual([
      { cluster: 'homelab', nodes: 3, readyNodes: 3 },
    ]);
    const risks = Object.fromEntries(
      nodes.workloads.map(w => [w.name, w.risks]),
    );
    expect(risks).toEqual({
      jellyfin: ['single-replica', 'local-volume', 'no-pdb', 'pinned'],
      keycloak: ['local-volume'],
      grafana: [],
    });
    expect(nodes.workloads.find(w => w.name === 'keycloak')!.details).toEqual([
      'claim data-keycloak-0 is on a local volume on sff-1',
    ]);
    expect(nodes.summary).toBe(
      '2 of 3 workloads would not survive losing one node; 3 of 3 nodes Ready',
    );
    expect(nodes.workloads.find(w => w.name === 'jellyfin')!.entityRef).toBe(
      'component:default/jellyfin',
    );

    expect(cluster.latestBackup).toMatchObject({ name: 'cluster-nightly' });
    expect(cluster.latestBackup!.ageSeconds).toBeGreaterThan(3 * 3600 - 60);
    expect(cluster.latestBackup!.ageSeconds).toBeLessThan(3 * 3600 + 60);
    // a good backup, but no drill has proven it restores
    expect(cluster.status).toBe('at-risk');
    expect(cluster.summary).toBe(
      'Latest cluster-state backup 3 h ago (RPO 24 h); last verified restore never',
    );

    expect(site.status).toBe('ready');
    const copies = Object.fromEntries(site.copies.map(c => [c.name, c]));
    expect(Object.keys(copies).sort()).toEqual(['offsite-media', 'offsite-s3']);
    expect(copies['offsite-s3']).toMatchObject({
      kind: 'velero',
      where: 'aws: homelab-offsite',
      phase: 'Available',
    });
    expect(copies['offsite-s3'].ageSeconds! / 3600).toBeCloseTo(50, 0);
    // the restic copy keeps the original snapshot's time: seconds old
    expect(copies['offsite-media'].ageSeconds!).toBeLessThan(600);
  });

  it('changes when the inputs change: one replica, an old backup, a failed drill', async () => {
    // one replica for grafana: now it would not survive a node
    kube.put(deployment('monitoring', 'grafana', { replicas: 1 }));
    let { nodes, cluster } = await procedures();
    expect(nodes.workloads.find(w => w.name === 'grafana')!.risks).toEqual([
      'single-replica',
    ]);
    expect(nodes.summary).toMatch(/^3 of 3 workloads would not survive/);

    // a node goes down and another is cordoned: nowhere to reschedule
    kube.put(node('sff-2', false));
    kube.put({ ...node('sff-3'), spec: { unschedulable: true } });
    ({ nodes } = await procedures());
    expect(nodes.status).toBe('not-ready');
    expect(nodes.reasons[0]).toBe(
      'homelab has 1 Ready, schedulable node of 3: losing one leaves nowhere to reschedule onto',
    );

    // a verified drill: the cluster is ready, with its measured RTO
    await drills.save({
      id: 'velero:homelab/drill-1',
      entityRef: 'component:default/keycloak',
      tool: 'velero',
      target: 'drill-1',
      source: 'cluster-nightly',
      scratch: 'drill-keycloak',
      status: 'verified',
      startedAt: ago(26),
      finishedAt: ago(25.9),
      durationSeconds: 252,
      checks: ['Velero restore Completed'],
    });
    ({ cluster } = await procedures());
    expect(cluster.status).toBe('ready');
    expect(cluster.summary).toBe(
      'Latest cluster-state backup 3 h ago (RPO 24 h); last verified restore 26 h ago, recovered in 4 min 12 s',
    );

    // a failed drill after it
    await drills.save({
      id: 'velero:homelab/drill-2',
      entityRef: 'component:default/keycloak',
      tool: 'velero',
      target: 'drill-2',
      source: 'cluster-nightly',
      scratch: 'drill-keycloak-2',
      status: 'failed',
      startedAt: ago(2),
      finishedAt: ago(1.5),
      durationSeconds: null,
      checks: ['Not Ready within 30 min: keycloak 0/2 Ready'],
    });
    ({ cluster } = await procedures());
    expect(cluster.status).toBe('at-risk');
    expect(cluster.lastVerifiedRestore!.id).toBe('velero:homelab/drill-1');
    expect(cluster.reasons).toEqual([
      'The last drill (drill-2) failed: Not Ready within 30 min: keycloak 0/2 Ready',
    ]);

    // an old backup: last night's is gone; the newest of the whole cluster
    // is now the weekly one on S3, 50 hours old
    kube.delete('velero.io/v1', 'Backup', 'velero', 'cluster-nightly');
    kube.put(veleroBackup('cluster-old', { completed: ago(72) }));
    ({ cluster } = await procedures());
    expect(cluster.latestBackup!.name).toBe('cluster-weekly-offsite');
    expect(cluster.status).toBe('not-ready');
    expect(cluster.reasons[0]).toBe(
      'The latest cluster-state backup is 2 days old, past the 24 h RPO',
    );

    // the off-site location becomes unavailable and its copy ages past the limit
    kube.put(
      storageLocation('offsite-s3', 'homelab-offsite', {
        offSite: true,
        phase: 'Unavailable',
      }),
    );
    kube.delete('velero.io/v1', 'Backup', 'velero', 'cluster-weekly-offsite');
    kube.put(
      veleroBackup('cluster-offsite-old', {
        completed: ago(24 * 20),
        storageLocation: 'offsite-s3',
      }),
    );
    const { site } = await procedures();
    expect(site.reasons).toEqual([
      'Velero location offsite-s3 is Unavailable',
      'The newest copy in offsite-s3 is 20 days old, more than twice the 7 days allowed',
    ]);
    // the restic copy is still fresh: the site can be restored, but at risk
    expect(site.status).toBe('at-risk');
  });

  it('gives each entity its part in every procedure, and its last verified restore', async () => {
    const keycloak = await service.entity(
      'component:default/keycloak',
      credentials,
    );
    expect(keycloak.procedures.map(p => [p.id, p.status])).toEqual([
      ['partial', 'at-risk'],
      ['node', 'at-risk'],
      ['cluster', 'at-risk'],
      ['site', 'not-ready'],
    ]);
    expect(keycloak.procedures[0].summary).toBe(
      'ArgoCD application keycloak is synced by hand only',
    );
    expect(keycloak.procedures[1].summary).toBe(
      'StatefulSet keycloak: claim data-keycloak-0 is on a local volume on sff-1',
    );
    expect(keycloak.procedures[2].summary).toMatch(
      /^Newest Velero backup holding it 3 days ago; last verified restore 26 h ago, RTO 4 min 12 s$/,
    );
    expect(keycloak.lastVerifiedRestore).toMatchObject({
      durationSeconds: 252,
    });
    expect(keycloak.drills.map(d => d.status)).toEqual(['failed', 'verified']);

    const jellyfin = await service.entity(
      'component:default/jellyfin',
      credentials,
    );
    // its media's off-site copy is the restic copy, seconds old
    expect(jellyfin.procedures[3]).toMatchObject({
      status: 'at-risk',
      summary: expect.stringMatching(
        /^Newest off-site copy holding it \d+ s ago \(offsite-media; allowed 7 days\)$/,
      ),
    });
    expect(jellyfin.procedures[1].summary).toContain('pinned to node sff-2');
    await expect(
      service.entity('component:default/nope', credentials),
    ).rejects.toThrow(/No entity component:default\/nope/);
  });

  it('says what to configure when ArgoCD, the cluster and the off-site copies are missing', async () => {
    const { procedures: all } = await bare.overview(credentials);
    expect(all.map(p => [p.id, p.status])).toEqual([
      ['partial', 'unknown'],
      ['node', 'unknown'],
      ['cluster', 'not-ready'],
      ['site', 'not-ready'],
    ]);
    expect(all[0].reasons[0]).toMatch(/Set backups.argocd.baseUrl/);
    expect(all[1].reasons[0]).toMatch(/kubernetes.clusterLocatorMethods/);
    expect(all[3].reasons[0]).toMatch(/^No off-site copy: label a Velero/);
  });

  it('reports an ArgoCD that refuses the token as the reason, never the token', async () => {
    const wrong = new ArgoCdReader({
      baseUrl: argoUrl,
      token: 'stolen-token',
      timeoutMs: 5000,
    });
    const error = await wrong.applications().catch(e => e);
    expect(error.message).toMatch(
      /^ArgoCD \(127\.0\.0\.1:\d+\) answered HTTP 401: invalid session$/,
    );
    expect(error.message).not.toContain('stolen-token');
  });
});
