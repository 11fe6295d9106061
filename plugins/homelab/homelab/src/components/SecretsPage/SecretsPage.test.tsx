import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SecretsReport } from '@homelab-portal/plugin-homelab-common';
import { screen, within } from '@testing-library/react';
import { HomelabApi, homelabApiRef } from '../../api';
import { SecretsPage, formatAge } from './SecretsPage';

const AT = '2026-12-01T12:00:00.000Z';

const report: SecretsReport = {
  source: 'live',
  at: AT,
  mounts: ['secret'],
  overdue: 1,
  noPolicy: 1,
  secrets: [
    {
      path: 'secret/homelab/gitea/api-token',
      mount: 'secret',
      service: 'gitea',
      type: 'api-key',
      version: 2,
      lastRotated: '2026-10-31T12:00:00.000Z',
      ageDays: 31,
      rotation: 'Manual',
      storage: 'Vault KV',
      access: 'Policy-based',
      overdue: false,
    },
    {
      path: 'secret/homelab/gitea/db-password',
      mount: 'secret',
      service: 'gitea',
      type: 'db-password',
      version: 1,
      lastRotated: '2026-12-01T09:00:00.000Z',
      ageDays: 0,
      rotation: 'Automatic (1 h)',
      storage: 'Vault Dynamic',
      overdue: true,
      reason: 'Last rotated 3 h ago; the policy is automatic (1 h)',
    },
    {
      path: 'secret/homelab/keycloak/oauth-client',
      mount: 'secret',
      service: 'keycloak',
      type: 'unknown',
      declaredType: 'oauth-client',
      version: 1,
      lastRotated: '2026-11-26T12:00:00.000Z',
      ageDays: 5,
      rotation: 'unknown',
      overdue: false,
      reason: 'No rotation policy for its type "oauth-client"',
    },
  ],
};

const render = (api: Partial<HomelabApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[homelabApiRef, api]]}>
      <SecretsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('SecretsPage', () => {
  it('flags the overdue secret and the one with no policy at the top, with what to do', async () => {
    await render({ getSecrets: async () => report });
    const findings = await screen.findByTestId('secrets-findings');
    expect(
      within(findings).getByText('1 overdue, 1 with no policy'),
    ).toBeInTheDocument();
    expect(findings).toHaveTextContent(
      'secret/homelab/gitea/db-password (gitea): Last rotated 3 h ago; the policy is automatic (1 h)',
    );
    expect(findings).toHaveTextContent(
      "Check Vault's database engine: its leases should renew every hour.",
    );
    expect(findings).toHaveTextContent(
      'Set custom_metadata.type on secret/homelab/keycloak/oauth-client to api-key, db-password, tls-cert or ssh-key',
    );
    expect(screen.queryByTestId('homelab-demo-chip')).not.toBeInTheDocument();
  });

  it('lists each secret with path, type, version, last rotation with its age in days, policy and status', async () => {
    await render({ getSecrets: async () => report });
    const row = (path: string) =>
      screen
        .getAllByText(path)
        .map(e => e.closest('tr'))
        .find(Boolean)!;
    await screen.findByText('Secrets (3)');
    expect(row('secret/homelab/gitea/api-token')).toHaveTextContent(
      'secret/homelab/gitea/api-tokenAPI keys · version 22026-10-3131 d agoManual, Vault KVWithin policy',
    );
    expect(row('secret/homelab/gitea/db-password')).toHaveTextContent(
      '3 h ago',
    );
    expect(row('secret/homelab/gitea/db-password')).toHaveTextContent(
      'Overdue',
    );
    expect(row('secret/homelab/keycloak/oauth-client')).toHaveTextContent(
      'oauth-client (no policy)',
    );
    expect(row('secret/homelab/keycloak/oauth-client')).toHaveTextContent(
      'No policy',
    );
    // the seed's table
    expect(screen.getByText('Rotation policy')).toBeInTheDocument();
    expect(screen.getByText('Automatic (90 d)')).toBeInTheDocument();
    expect(screen.getByText('Signed certs')).toBeInTheDocument();
  });

  it('labels demo data and has an empty state that says what to do', async () => {
    await render({
      getSecrets: async () => ({
        ...report,
        source: 'demo',
        secrets: [],
        overdue: 0,
        noPolicy: 0,
      }),
    });
    expect(await screen.findByTestId('homelab-demo-chip')).toBeInTheDocument();
    expect(
      screen.getByText("No secrets in Vault's metadata"),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Write each service's secrets under secret\/homelab\/<service>\//,
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    await render({
      getSecrets: async () => {
        throw new Error('Vault did not answer sys/mounts within 5 s');
      },
    });
    expect(
      (
        await screen.findAllByText(
          /Vault did not answer sys\/mounts within 5 s/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });

  it('gives ages in minutes, hours or whole days', () => {
    const now = Date.parse(AT);
    expect(formatAge('2026-12-01T11:35:00Z', now)).toBe('25 min ago');
    expect(formatAge('2026-12-01T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2026-10-01T12:00:00Z', now)).toBe('61 d ago');
    expect(formatAge(undefined, now)).toBe('unknown');
  });
});
