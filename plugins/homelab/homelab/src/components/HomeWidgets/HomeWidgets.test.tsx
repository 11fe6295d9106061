/* eslint-disable @backstage/no-mixed-plugin-imports -- the home widgets read each plugin through its own API ref (the app installs those plugins), rather than a second client per plugin */
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { energyApiRef } from '@homelab-portal/plugin-energy';
import { alertsApiRef } from '@homelab-portal/plugin-alerts';
import { backupsApiRef } from '@homelab-portal/plugin-backups';
import { cyberneticsApiRef } from '@homelab-portal/plugin-cybernetics';
import { kratixApiRef } from '@homelab-portal/plugin-kratix';
import { ServicesCard } from './ServicesCard';
import { TotalsCard } from './TotalsCard';

const routes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

const service = (name: string, url?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, title: name, links: url ? [{ url }] : [] },
  spec: { type: 'service', owner: 'admins', lifecycle: 'production' },
});

const alert = (severity: string, state: string, entityRefs: string[]) => ({
  alertmanager: 'am',
  fingerprint: `${severity}-${state}-${entityRefs.join()}`,
  alertname: 'X',
  severity,
  labels: {},
  annotations: {},
  startsAt: '2026-01-01T00:00:00Z',
  state,
  silencedBy: [],
  inhibitedBy: [],
  entityRefs,
});

const alertsOverview = {
  source: 'alertmanager',
  alerts: [
    alert('critical', 'active', ['component:default/jellyfin']),
    alert('warning', 'active', ['component:default/jellyfin']),
    alert('warning', 'active', []),
    alert('critical', 'suppressed', ['component:default/pihole']),
  ],
  bySeverity: {},
  unmapped: 0,
  warnings: [],
};

const backupsOverview = {
  source: 'demo',
  policies: [
    {
      policy: {},
      entities: [
        {
          entityRef: 'component:default/jellyfin',
          rpo: '24h',
          retention: '7d',
          lastGoodAt: '2026-11-30T03:00:00Z',
        },
      ],
    },
  ],
  unprotected: [{ entityRef: 'component:default/pihole' }],
  days: [],
  warnings: [],
};

const failing = () => Promise.reject(new Error('503'));

// The fakes carry only what the cards read.
const fake = (impl: object) => impl as any;

describe('TotalsCard', () => {
  it('shows each number with its unit and window, linking to its page', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            energyApiRef,
            fake({
              getOverview: async () => ({
                source: 'prometheus',
                powerW: 123.4,
                tariff: { currency: 'EUR', pricePerKWh: 0.3 },
                windows: { '24h': { energyKWh: 3, cost: 0.9, co2Kg: 1 } },
              }),
            }),
          ],
          [alertsApiRef, fake({ getOverview: async () => alertsOverview })],
          [backupsApiRef, fake({ getOverview: async () => backupsOverview })],
          [
            cyberneticsApiRef,
            fake({
              listDecisions: async () => [
                { state: 'proposed' },
                { state: 'executing' },
              ],
            }),
          ],
          [
            kratixApiRef,
            fake({ listRequests: async () => [{ state: 'pr-open' }] }),
          ],
        ]}
      >
        <TotalsCard />
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('homelab-totals-power')).toHaveTextContent(
      '123 W',
    );
    expect(screen.getByText('€0.90 over the last 24 h')).toBeInTheDocument();
    // only firing (active) alerts, by severity
    expect(screen.getByTestId('homelab-totals-alerts')).toHaveTextContent(
      '3 alerts',
    );
    expect(screen.getByText('2 warning, 1 critical')).toBeInTheDocument();
    expect(
      await screen.findByTestId('homelab-totals-backups'),
    ).toHaveTextContent('1 service');
    expect(
      await screen.findByTestId('homelab-totals-decisions'),
    ).toHaveTextContent('2 decisions');
    expect(screen.getByText('1 awaiting approval')).toBeInTheDocument();
    expect(
      await screen.findByTestId('homelab-totals-requests'),
    ).toHaveTextContent('1 request');
    expect(screen.getByRole('link', { name: 'Lab power' })).toHaveAttribute(
      'href',
      '/energy',
    );
    expect(
      screen.getByRole('link', { name: 'Requests in flight' }),
    ).toHaveAttribute('href', '/kratix/requests');
  });

  it('names the plugin that did not answer and shows the rest', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [energyApiRef, fake({ getOverview: failing })],
          [alertsApiRef, fake({ getOverview: failing })],
          [backupsApiRef, fake({ getOverview: async () => backupsOverview })],
          [cyberneticsApiRef, fake({ listDecisions: failing })],
          [kratixApiRef, fake({ listRequests: failing })],
        ]}
      >
        <TotalsCard />
      </TestApiProvider>,
    );
    expect(
      await screen.findByTestId('homelab-totals-power-unavailable'),
    ).toHaveTextContent('the energy plugin did not answer');
    expect(
      await screen.findByTestId('homelab-totals-alerts-unavailable'),
    ).toHaveTextContent('the alerts plugin did not answer');
    expect(
      await screen.findByTestId('homelab-totals-backups'),
    ).toHaveTextContent('1 service');
  });
});

describe('ServicesCard', () => {
  const catalogApi = catalogApiMock({
    entities: [
      service('jellyfin', 'https://jellyfin.lab.local'),
      service('pihole', 'https://pihole.lab.local'),
      service('gozones'),
      {
        ...service('nas'),
        kind: 'Resource',
        spec: { type: 'nas', owner: 'admins' },
      },
    ],
  });

  it('shows a tile per service with its address, health and backup', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApi],
          [alertsApiRef, fake({ getOverview: async () => alertsOverview })],
          [backupsApiRef, fake({ getOverview: async () => backupsOverview })],
        ]}
      >
        <ServicesCard />
      </TestApiProvider>,
      routes,
    );
    await screen.findByText('2 alerts firing');
    const tiles = await screen.findAllByTestId('homelab-service-tile');
    expect(tiles.map(t => t.textContent)).toEqual([
      'gozonesno lab addresshealthy, no alert firingno backup policy',
      'jellyfinjellyfin.lab.local, Opens in a new window2 alerts firingbacked up 30/11/2026',
      'piholepihole.lab.local, Opens in a new windowhealthy, no alert firingunprotected',
    ]);
    expect(
      within(tiles[1]).getByRole('link', { name: /^jellyfin\.lab\.local/ }),
    ).toHaveAttribute('href', 'https://jellyfin.lab.local');
  });

  it('still lists the services when alerts and backups do not answer', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApi],
          [alertsApiRef, fake({ getOverview: failing })],
          [backupsApiRef, fake({ getOverview: failing })],
        ]}
      >
        <ServicesCard />
      </TestApiProvider>,
      routes,
    );
    expect(
      await screen.findByText(
        'health unknown: the alerts plugin did not answer; backup state unknown: the backups plugin did not answer',
      ),
    ).toBeInTheDocument();
    expect(await screen.findAllByTestId('homelab-service-tile')).toHaveLength(
      3,
    );
  });
});
