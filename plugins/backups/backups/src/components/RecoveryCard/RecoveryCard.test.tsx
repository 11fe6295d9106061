import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { EntityRecovery } from '@homelab-portal/plugin-backups-common';
import { BackupsApi, backupsApiRef } from '../../api';
import { RecoveryCard } from './RecoveryCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'keycloak', namespace: 'default' },
  spec: { type: 'service' },
};

const procedures: EntityRecovery['procedures'] = [
  {
    id: 'partial',
    title: 'Partial failure',
    status: 'ready',
    summary: 'ArgoCD application keycloak heals itself from Git',
    runbookUrl: '/docs/default/component/x/runbooks/partial/',
  },
  {
    id: 'node',
    title: 'Node failure',
    status: 'at-risk',
    summary:
      'StatefulSet keycloak: claim data-keycloak-0 is on a local volume on sff-1',
    runbookUrl: '/docs/default/component/x/runbooks/node/',
  },
  {
    id: 'cluster',
    title: 'Cluster failure',
    status: 'at-risk',
    summary:
      'Newest Velero backup holding it 3 h ago; last verified restore never',
    runbookUrl: '/docs/default/component/x/runbooks/cluster/',
  },
  {
    id: 'site',
    title: 'Site failure',
    status: 'not-ready',
    summary: 'No off-site copy holds it',
    runbookUrl: '/docs/default/component/x/runbooks/site/',
  },
];

async function render(recovery: EntityRecovery) {
  const api: Partial<BackupsApi> = {
    getEntityRecovery: jest.fn(async () => recovery),
  };
  await renderInTestApp(
    <TestApiProvider apis={[[backupsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <RecoveryCard />
      </EntityProvider>
    </TestApiProvider>,
  );
  expect(api.getEntityRecovery).toHaveBeenCalledWith(
    'component:default/keycloak',
  );
}

// renders the whole app harness: slow on a busy machine
jest.setTimeout(60_000);

describe('RecoveryCard', () => {
  it('shows the four procedures with their runbooks, and offers a drill when no restore is verified', async () => {
    await render({
      entityRef: 'component:default/keycloak',
      source: 'live',
      procedures,
      lastVerifiedRestore: null,
      drills: [],
      warnings: [],
    });
    const node = within(await screen.findByTestId('recovery-card-node'));
    expect(node.getByText('At risk')).toBeInTheDocument();
    expect(node.getByRole('link', { name: 'Runbook' })).toHaveAttribute(
      'href',
      '/docs/default/component/x/runbooks/node/',
    );
    const last = within(screen.getByTestId('recovery-card-last-restore'));
    expect(last.getByText(/^Never verified\./)).toBeInTheDocument();
    const link = last.getByRole('link', { name: 'Start a restore drill' });
    expect(decodeURIComponent(link.getAttribute('href')!)).toContain(
      '/create/templates/default/restore-drill?formData={"entity":"component:default/keycloak"}',
    );
  });

  it('shows the last verified restore with its measured RTO, and a failed drill after it', async () => {
    const verified = {
      id: 'velero:homelab/drill-1',
      entityRef: 'component:default/keycloak',
      tool: 'velero' as const,
      target: 'drill-1',
      source: 'keycloak-hourly',
      scratch: 'drill-1-scratch',
      status: 'verified' as const,
      startedAt: '2026-11-30T10:00:00Z',
      finishedAt: '2026-11-30T10:04:12Z',
      durationSeconds: 252,
      checks: [],
    };
    await render({
      entityRef: 'component:default/keycloak',
      source: 'live',
      procedures,
      lastVerifiedRestore: verified,
      drills: [
        {
          ...verified,
          id: 'velero:homelab/drill-2',
          target: 'drill-2',
          status: 'failed',
          durationSeconds: null,
        },
        verified,
      ],
      warnings: [],
    });
    expect(
      await screen.findByText(
        /\(velero drill-1\); measured time to recover \(RTO\): 4 min 12 s$/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Last 2 drills: drill-2 failed, drill-1 verified in 4 min 12 s',
      ),
    ).toBeInTheDocument();
  });
});
