import { screen } from '@testing-library/react';
import { renderAppWithConfig } from './__testUtils__/renderAppWithConfig';

// The first render transforms the whole app; on a cold jest cache that takes a while.
jest.setTimeout(120_000);

describe('App in production', () => {
  it('offers only Keycloak when the config names it', async () => {
    renderAppWithConfig({ homelab: { signIn: { providers: ['keycloak'] } } });
    expect(
      await screen.findByText('Keycloak', {}, { timeout: 90_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});
