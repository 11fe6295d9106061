import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { EntityBackups } from '@homelab-portal/plugin-backups-common';
import { BackupsApi, backupsApiRef } from '../../api';
import { BackupsCard } from './BackupsCard';

const keycloak: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'keycloak',
    annotations: { 'homelab-portal.io/backup-policy': 'databases' },
  },
  spec: { type: 'service' },
};

const entityBackups = (
  overrides: Partial<EntityBackups> = {},
): EntityBackups => ({
  entityRef: 'component:default/keycloak',
  source: 'live',
  policy: 'databases',
  rpo: 'late',
  lastGoodAgeSeconds: 5400,
  lastGood: {
    tool: 'velero',
    id: 'databases-hourly-20261125T10',
    phase: 'Completed',
    outcome: 'succeeded',
    startedAt: null,
    completedAt: new Date(Date.now() - 5400_000).toISOString(),
    expiresAt: null,
    ttlSeconds: 259200,
  },
  retention: 'ok',
  recentFailures: [],
  expiringSoon: [],
  lastRestore: null,
  nextRunAt: '2026-11-25T21:00:00.000Z',
  reasons: [
    'The last good backup is older than the Databases RPO',
    'No restore drill on record',
  ],
  runs: [],
  restores: [],
  warnings: [],
  ...overrides,
});

async function render(value: EntityBackups, entity = keycloak) {
  const api: BackupsApi = {
    getEntity: async () => value,
    getOverview: jest.fn(),
    getReadiness: jest.fn(),
    getEntityRecovery: jest.fn(),
  };
  await renderInTestApp(
    <TestApiProvider apis={[[backupsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <BackupsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('BackupsCard', () => {
  it('shows the policy, the RPO in words, the last good backup and the missing drill', async () => {
    await render(entityBackups());
    expect(await screen.findByText('late')).toBeInTheDocument();
    expect(screen.getByText('databases')).toBeInTheDocument();
    expect(
      screen.getByText(/2 h ago \(velero databases-hourly-20261125T10\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('never')).toBeInTheDocument();
    expect(screen.getByText('No restore drill on record')).toBeInTheDocument();
  });

  it('offers to protect a service no policy covers, pre-filled', async () => {
    await render(
      entityBackups({ policy: null, rpo: 'unknown', source: 'demo' }),
    );
    expect(
      await screen.findByTestId('backups-unprotected'),
    ).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'Protect this service' });
    expect(link.getAttribute('href')).toBe(
      `/create/templates/default/backup-schedule?formData=${encodeURIComponent(
        JSON.stringify({ entity: 'component:default/keycloak' }),
      )}`,
    );
    expect(screen.getByText('Demo data')).toBeInTheDocument();
  });
});
