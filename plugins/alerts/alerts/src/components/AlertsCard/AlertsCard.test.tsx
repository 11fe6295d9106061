import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { alertsApiRef } from '../../api';
import {
  activeAlert,
  entityAlerts,
  fakeAlertsApi,
} from '../../__testUtils__/fakeAlertsApi';
import { AlertsCard } from './AlertsCard';

const nas: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'nas-1',
    annotations: { 'homelab-portal.io/alert-matchers': 'node="nas"' },
  },
  spec: { type: 'nas' },
};

async function render(api = fakeAlertsApi(), allow = true, entity = nas) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [alertsApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      <EntityProvider entity={entity}>
        <AlertsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('AlertsCard', () => {
  it('shows active alerts with severity and since-when, and history figures', async () => {
    await render();
    expect(await screen.findByText('DiskFull')).toBeInTheDocument();
    expect(screen.getByText('critical')).toBeInTheDocument();
    expect(screen.getByTestId('alerts-last-fired')).toHaveTextContent(
      '1 h 35 min ago',
    );
    // the table says for how long it has been firing
    expect(screen.getByText('active')).toBeInTheDocument();
    // (each number stays on one line with its unit)
    expect(screen.getByText('for 1 h 35 min').textContent).toBe(
      'for 1\u00a0h 35\u00a0min',
    );
    expect(screen.getByTestId('alerts-firings-30d')).toHaveTextContent('4');
    expect(screen.getByTestId('alerts-mttr')).toHaveTextContent('45 min');
  });

  it('acknowledges and silences for those allowed', async () => {
    const api = await render();
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(api.acknowledge).toHaveBeenCalledWith({
        alertmanager: 'lab',
        fingerprint: 'abc123',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Silence' }));
    expect(screen.getByLabelText('Matchers')).toHaveValue(
      'alertname="DiskFull", node="nas"',
    );
    fireEvent.change(screen.getByLabelText(/Why/), {
      target: { value: 'replacing a disk' },
    });
    fireEvent.click(screen.getAllByRole('button', { name: 'Silence' }).pop()!);
    await waitFor(() =>
      expect(api.createSilence).toHaveBeenCalledWith({
        alertmanager: 'lab',
        matchers: 'alertname="DiskFull", node="nas"',
        durationMinutes: 240,
        comment: 'replacing a disk',
      }),
    );
  });

  it('says so when nothing fires, and labels demo data', async () => {
    await render(
      fakeAlertsApi({
        getEntityAlerts: async () =>
          entityAlerts({ alerts: [], source: 'demo' }),
      }),
    );
    expect(await screen.findByTestId('alerts-none')).toHaveTextContent(
      'No active alerts.',
    );
    expect(screen.getByText('Demo data')).toBeInTheDocument();
  });

  it('shows markup in alert annotations as text', async () => {
    await render(
      fakeAlertsApi({
        getEntityAlerts: async () =>
          entityAlerts({
            alerts: [
              activeAlert({
                annotations: { summary: '<img src=x onerror=alert(1)>' },
              }),
            ],
          }),
      }),
    );
    expect(
      await screen.findByText('<img src=x onerror=alert(1)>'),
    ).toBeInTheDocument();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('shows an upstream failure with its reason', async () => {
    await render(
      fakeAlertsApi({
        getEntityAlerts: async () => {
          throw new Error('Alertmanager lab cannot be reached (ECONNREFUSED)');
        },
      }),
    );
    expect(
      (await screen.findAllByText(/cannot be reached \(ECONNREFUSED\)/))[0],
    ).toBeInTheDocument();
  });
});
