import { screen } from '@testing-library/react';
import { renderAppWithConfig } from './__testUtils__/renderAppWithConfig';

jest.setTimeout(30_000);

describe('App in production', () => {
  it('offers only Keycloak when the config names it', async () => {
    renderAppWithConfig({ homelab: { signIn: { providers: ['keycloak'] } } });
    expect(
      await screen.findByText('Keycloak', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });
});
