import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { RecoveryReadiness } from '@homelab-portal/plugin-backups-common';
import { BackupsApi, backupsApiRef } from '../../api';
import { RecoveryPage } from './RecoveryPage';

const runbook = (id: string) => `/docs/default/component/x/runbooks/${id}/`;

const readiness: RecoveryReadiness = {
  source: 'live',
  generatedAt: '2026-12-01T12:00:00Z',
  warnings: [],
  procedures: [
    {
      id: 'partial',
      title: 'Partial failure',
      how: 'ArgoCD auto-heals from Git',
      status: 'at-risk',
      summary: '1 of 2 ArgoCD applications heal themselves from Git',
      reasons: ['keycloak is synced by hand only (no automated sync policy)'],
      runbookUrl: runbook('partial'),
      applications: [
        {
          name: 'keycloak',
          automated: false,
          selfHeal: false,
          prune: false,
          sync: 'Synced',
          health: 'Healthy',
          entityRef: 'component:default/keycloak',
        },
        { name: 'grafana', automated: true, selfHeal: true, prune: true },
      ],
    },
    {
      id: 'node',
      title: 'Node failure',
      how: 'Kubernetes reschedules pods',
      status: 'at-risk',
      summary:
        '1 of 2 workloads would not survive losing one node; 3 of 3 nodes Ready',
      reasons: [],
      runbookUrl: runbook('node'),
      clusters: [{ cluster: 'homelab', nodes: 3, readyNodes: 3 }],
      workloads: [
        {
          cluster: 'homelab',
          namespace: 'media',
          kind: 'Deployment',
          name: 'jellyfin',
          replicas: 1,
          risks: ['single-replica', 'pinned'],
          details: ['one replica', 'pinned to node sff-2'],
        },
        {
          cluster: 'homelab',
          namespace: 'monitoring',
          kind: 'Deployment',
          name: 'grafana',
          replicas: 2,
          risks: [],
          details: [],
        },
      ],
    },
    {
      id: 'cluster',
      title: 'Cluster failure',
      how: 'Velero restore to a new cluster',
      status: 'ready',
      summary:
        'Latest cluster-state backup 3 h ago (RPO 24 h); last verified restore 26 h ago, recovered in 4 min 12 s',
      reasons: [],
      runbookUrl: runbook('cluster'),
      rpoSeconds: 86400,
      latestBackup: {
        cluster: 'homelab',
        name: 'cluster-nightly',
        completedAt: '2026-12-01T09:00:00Z',
        ageSeconds: 10800,
      },
      lastVerifiedRestore: {
        id: 'velero:homelab/drill-1',
        entityRef: null,
        tool: 'velero',
        target: 'drill-1',
        source: 'cluster-nightly',
        scratch: 'drill-1-scratch',
        status: 'verified',
        startedAt: '2026-11-30T10:00:00Z',
        finishedAt: '2026-11-30T10:04:12Z',
        durationSeconds: 252,
        checks: [],
      },
      lastDrill: null,
    },
    {
      id: 'site',
      title: 'Site failure',
      how: 'Restore from the off-site S3 backup',
      status: 'not-ready',
      summary: 'No off-site copy is configured',
      reasons: ['No off-site copy: label a Velero BackupStorageLocation'],
      runbookUrl: runbook('site'),
      maxAgeSeconds: 604800,
      copies: [],
    },
  ],
};

// renders the whole app harness: slow on a busy machine
jest.setTimeout(60_000);

describe('RecoveryPage', () => {
  it('shows each procedure with its status, numbers with units, details and runbook', async () => {
    const api: Partial<BackupsApi> = { getReadiness: async () => readiness };
    await renderInTestApp(
      <TestApiProvider apis={[[backupsApiRef, api]]}>
        <RecoveryPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const partial = within(await screen.findByTestId('recovery-partial'));
    expect(
      partial.getByText('1 of 2 ArgoCD applications heal themselves from Git'),
    ).toBeInTheDocument();
    const apps = within(
      screen.getByRole('table', { name: 'ArgoCD applications' }),
    );
    expect(apps.getByRole('link', { name: 'keycloak' })).toHaveAttribute(
      'href',
      '/catalog/default/component/keycloak',
    );
    const risky = within(
      screen.getByRole('table', { name: 'Workloads at risk' }),
    );
    expect(risky.getByText('media/jellyfin')).toBeInTheDocument();
    expect(
      risky.getByText('one replica, pinned to a node'),
    ).toBeInTheDocument();
    // only the workloads at risk are listed
    expect(risky.queryByText('monitoring/grafana')).not.toBeInTheDocument();
    const cluster = within(
      screen.getByRole('table', { name: 'Cluster backups and drills' }),
    );
    expect(
      cluster.getByText('3 h ago (cluster-nightly, homelab); RPO 24 h'),
    ).toBeInTheDocument();
    expect(cluster.getByText('4 min 12 s')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('recovery-site')).getByText(
        /^No off-site copy: label/,
      ),
    ).toBeInTheDocument();
    // each procedure links its runbook
    const runbooks = screen
      .getAllByRole('link', { name: /runbook/i })
      .map(a => a.getAttribute('href'));
    expect(runbooks).toEqual(
      ['partial', 'node', 'cluster', 'site'].map(runbook),
    );
    expect(
      screen.getByRole('link', { name: 'Start a restore drill' }),
    ).toHaveAttribute('href', '/create/templates/default/restore-drill');
  });
});
