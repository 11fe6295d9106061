import { screen } from '@testing-library/react';
import { renderAppWithConfig } from './__testUtils__/renderAppWithConfig';

// The first render transforms the whole app; on a cold jest cache that takes a while.
jest.setTimeout(120_000);

describe('App on the local start', () => {
  it('offers guest sign-in only', async () => {
    renderAppWithConfig({});
    expect(
      await screen.findByText('Guest', {}, { timeout: 90_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Keycloak')).not.toBeInTheDocument();
  });
});
