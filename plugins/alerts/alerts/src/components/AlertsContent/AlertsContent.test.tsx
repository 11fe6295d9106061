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
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  AlertEvent,
  EntityAlertHistory,
} from '@homelab-portal/plugin-alerts-common';
import { alertsApiRef } from '../../api';
import { fakeAlertsApi } from '../../__testUtils__/fakeAlertsApi';
import { AlertsContent } from './AlertsContent';

const nas: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'nas-1',
    annotations: { 'homelab-portal.io/alert-matchers': 'node="nas"' },
  },
  spec: { type: 'nas' },
};

const event = (alertname: string, hoursAgo: number): AlertEvent => ({
  alertmanager: 'lab',
  fingerprint: 'abc123',
  alertname,
  severity: 'warning',
  labels: { alertname, node: 'nas' },
  status: 'firing',
  startsAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
  endsAt: null,
  receivedAt: new Date().toISOString(),
  via: 'webhook',
});

const page = (
  events: AlertEvent[],
  nextCursor: string | null,
): EntityAlertHistory => ({
  entityRef: 'resource:default/nas-1',
  source: 'alertmanager',
  days: 30,
  events,
  total: 3,
  limit: 2,
  nextCursor,
  stats: { lastFiredAt: null, firings30d: 3, mttrSeconds: null },
  warnings: [],
});

describe('AlertsContent', () => {
  it('shows history a page at a time, loading older pages on request', async () => {
    const getHistory = jest.fn(
      async (_ref: string, _days?: number, cursor?: string) =>
        cursor === 'page-2'
          ? page([event('Oldest', 30)], null)
          : page([event('Newest', 1), event('Middle', 2)], 'page-2'),
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [alertsApiRef, fakeAlertsApi({ getHistory })],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
          ],
        ]}
      >
        <EntityProvider entity={nas}>
          <AlertsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const table = await screen.findByRole('table', { name: 'Alert history' });
    expect(within(table).getByText('Newest')).toBeInTheDocument();
    expect(within(table).queryByText('Oldest')).toBeNull();
    expect(screen.getByTestId('alerts-history-count')).toHaveTextContent(
      '2 of 3 events',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Older events' }));
    expect(await within(table).findByText('Oldest')).toBeInTheDocument();
    expect(getHistory).toHaveBeenLastCalledWith(
      'resource:default/nas-1',
      30,
      'page-2',
    );
    expect(screen.getByTestId('alerts-history-count')).toHaveTextContent(
      '3 of 3 events',
    );
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Older events' })).toBeNull(),
    );
  });
});
