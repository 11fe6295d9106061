import { ConfigApi } from '@backstage/frontend-plugin-api';
import { SignInProviderConfig } from '@backstage/core-components';
import { keycloakAuthApiRef } from './keycloakAuthApi';

const keycloak: SignInProviderConfig = {
  id: 'keycloak',
  title: 'Keycloak',
  message: 'Sign in with your homelab account',
  apiRef: keycloakAuthApiRef,
};

/**
 * The sign-in choices, from `homelab.signIn.providers`. The local start offers
 * the guest; production (app-config.production.yaml) offers only Keycloak.
 */
export function signInProviders(
  config: ConfigApi,
): Array<'guest' | SignInProviderConfig> {
  const names = config.getOptionalStringArray('homelab.signIn.providers') ?? [
    'guest',
  ];
  return names.map(name => {
    switch (name) {
      case 'guest':
        return 'guest';
      case 'keycloak':
        return keycloak;
      default:
        throw new Error(
          `homelab.signIn.providers: unknown provider "${name}"; use "guest" or "keycloak"`,
        );
    }
  });
}
