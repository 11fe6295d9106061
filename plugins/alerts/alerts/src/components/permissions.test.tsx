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
import { screen, within } from '@testing-library/react';
import { alertsApiRef } from '../api';
import { fakeAlertsApi } from '../__testUtils__/fakeAlertsApi';
import { AlertsCard } from './AlertsCard';
import { AlertsPage } from './AlertsPage';

// Permission answers are cached per permission for the module's life, so the
// refusals live in their own file.

const nas: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'nas-1',
    annotations: { 'homelab-portal.io/alert-matchers': 'node="nas"' },
  },
  spec: { type: 'nas' },
};

async function render(element: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [alertsApiRef, fakeAlertsApi()],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('for those without the silence permissions', () => {
  it('the card offers no acknowledge or silence', async () => {
    await render(
      <EntityProvider entity={nas}>
        <AlertsCard />
      </EntityProvider>,
    );
    expect(await screen.findByText('DiskFull')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Silence' }),
    ).not.toBeInTheDocument();
  });

  it('the page offers no expiry', async () => {
    await render(<AlertsPage />);
    const silences = await screen.findByRole('table', { name: 'Silences' });
    expect(within(silences).getByText('load test')).toBeInTheDocument();
    expect(
      within(silences).queryByRole('button', { name: 'Expire' }),
    ).not.toBeInTheDocument();
  });
});
