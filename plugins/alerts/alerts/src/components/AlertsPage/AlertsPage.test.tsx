import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { alertsApiRef } from '../../api';
import { fakeAlertsApi } from '../../__testUtils__/fakeAlertsApi';
import { AlertsPage } from './AlertsPage';

async function render(api = fakeAlertsApi(), allow = true) {
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
      <AlertsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('AlertsPage', () => {
  it('groups alerts by severity, critical first, with their entities', async () => {
    await render();
    const critical = await screen.findByRole('table', {
      name: 'critical alerts',
    });
    expect(within(critical).getByText('DiskFull')).toBeInTheDocument();
    expect(
      within(critical).getByRole('link', { name: 'nas-1' }),
    ).toBeInTheDocument();
    const warning = screen.getByRole('table', { name: 'warning alerts' });
    expect(within(warning).getByText('CertExpiring')).toBeInTheDocument();
    const tables = screen
      .getAllByRole('table')
      .map(t => t.getAttribute('aria-label'));
    expect(tables.indexOf('critical alerts')).toBeLessThan(
      tables.indexOf('warning alerts'),
    );
  });

  it('lists silences with who made them, and expires one for those allowed', async () => {
    const api = await render();
    const silences = await screen.findByRole('table', { name: 'Silences' });
    expect(
      within(silences).getByText('alertname="HighCPU"'),
    ).toBeInTheDocument();
    expect(
      within(silences).getByText('user:default/operator'),
    ).toBeInTheDocument();
    fireEvent.click(within(silences).getByRole('button', { name: 'Expire' }));
    await waitFor(() =>
      expect(api.expireSilence).toHaveBeenCalledWith(
        'lab',
        '0b0b0b0b-0000-4000-8000-000000000000',
      ),
    );
  });
});
