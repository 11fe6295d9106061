import { createBackendModule } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  OAuthEnvironmentHandler,
  authProvidersExtensionPoint,
  createOAuthRouteHandlers,
} from '@backstage/plugin-auth-node';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { keycloakSignInResolver } from './keycloakSignInResolver';

const DISCOVERY_SUFFIX = /\/\.well-known\/openid-configuration\/?$/;

/** Builds the resolver of one provider environment from its config. */
export function signInResolverFromConfig(envConfig: Config) {
  if (envConfig.has('signIn')) {
    // The stock email resolvers match anyone whose address has the right
    // local part; this module replaces them rather than sit behind them.
    throw new Error(
      'auth.providers.oidc: signIn.resolvers is not supported by the homelab sign-in module; configure homelabSignIn instead',
    );
  }
  if (!envConfig.has('homelabSignIn')) {
    throw new Error(
      'auth.providers.oidc: homelabSignIn is required by the homelab sign-in module',
    );
  }
  const signIn = envConfig.getConfig('homelabSignIn');
  const metadataUrl = envConfig.getString('metadataUrl');
  return keycloakSignInResolver({
    issuer:
      signIn.getOptionalString('issuer') ??
      metadataUrl.replace(DISCOVERY_SUFFIX, ''),
    realm: signIn.getOptionalString('realm'),
    usernameClaim: signIn.getOptionalString('usernameClaim'),
    groupsClaim: signIn.getOptionalString('groupsClaim'),
    groups: signIn.getOptionalConfigArray('groups')?.map(group => ({
      keycloakGroup: group.getString('keycloakGroup'),
      entityRefs: group.getStringArray('entityRefs'),
    })),
  });
}

/**
 * The `oidc` auth provider (Keycloak) with the homelab's sign-in: use it
 * instead of `@backstage/plugin-auth-backend-module-oidc-provider`, whose
 * authenticator it reuses.
 */
export const authModuleHomelabSignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'homelab-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          // createOAuthProviderFactory, with the resolver read per environment.
          factory: ctx =>
            OAuthEnvironmentHandler.mapConfig(ctx.config, envConfig =>
              createOAuthRouteHandlers({
                authenticator: oidcAuthenticator,
                appUrl: ctx.appUrl,
                baseUrl: ctx.baseUrl,
                config: envConfig,
                isOriginAllowed: ctx.isOriginAllowed,
                cookieConfigurer: ctx.cookieConfigurer,
                providerId: ctx.providerId,
                resolverContext: ctx.resolverContext,
                signInResolver: signInResolverFromConfig(envConfig),
              }),
            ),
        });
      },
    });
  },
});
