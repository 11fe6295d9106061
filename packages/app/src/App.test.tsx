import { screen } from '@testing-library/react';
import { renderAppWithConfig } from './__testUtils__/renderAppWithConfig';

jest.setTimeout(30_000);

describe('App on the local start', () => {
  it('offers guest sign-in only', async () => {
    renderAppWithConfig({});
    expect(
      await screen.findByText('Guest', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Keycloak')).not.toBeInTheDocument();
  });
});
