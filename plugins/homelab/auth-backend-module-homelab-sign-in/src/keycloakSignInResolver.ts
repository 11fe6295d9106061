import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  OAuthAuthenticatorResult,
  createSignInResolverFactory,
} from '@backstage/plugin-auth-node';
import type { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { z } from 'zod/v3';

/** The token's issuer, username and groups: what the ID token vouches for. */
type IdTokenClaims = Record<string, unknown>;

// A catalog entity name (catalog-model's rule, lower case as Keycloak stores
// usernames): anything else cannot name a User and is refused outright.
const USERNAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

const optionsSchema = z.object({
  issuer: z.string().url(),
  realm: z.string().min(1).optional(),
  usernameClaim: z.string().min(1).default('preferred_username'),
  groupsClaim: z.string().min(1).default('groups'),
  groups: z
    .array(
      z.object({
        keycloakGroup: z.string().min(1),
        entityRefs: z.array(z.string().min(1)).min(1),
      }),
    )
    .default([]),
});

/** Options of {@link keycloakSignInResolver}, as the config gives them. */
export type KeycloakSignInOptions = z.input<typeof optionsSchema>;

function normalizeGroupRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind: 'group',
      defaultNamespace: DEFAULT_NAMESPACE,
    }),
  ).toLocaleLowerCase('en-US');
}

function idTokenClaims(
  result: OAuthAuthenticatorResult<OidcAuthResult>,
): IdTokenClaims {
  const tokenset = result.fullProfile?.tokenset;
  if (!tokenset?.id_token) {
    throw new NotAllowedError('Sign-in refused: the provider sent no ID token');
  }
  // openid-client has verified this token (signature, audience, expiry,
  // nonce, and its issuer against the discovery document) before we see it.
  return tokenset.claims() as IdTokenClaims;
}

/**
 * Signs a Keycloak user in as the catalog User named by the ID token's
 * `preferred_username`, and only if the token comes from the configured
 * issuer (realm). Email is not used: anyone can register an address whose
 * local part is an admin's name.
 *
 * Ownership: the User's catalog memberships, except the refs that `groups`
 * maps, which only the Keycloak groups in the token grant. So admin rights
 * follow Keycloak's `/homelab-admins` membership, not a name or a catalog
 * file.
 */
export const keycloakSignInResolver = createSignInResolverFactory({
  optionsSchema,
  create(options) {
    const issuer = options.issuer.replace(/\/+$/, '');
    const mapped = options.groups.map(({ keycloakGroup, entityRefs }) => ({
      keycloakGroup,
      entityRefs: entityRefs.map(normalizeGroupRef),
    }));
    const managedRefs = new Set(mapped.flatMap(m => m.entityRefs));

    return async (
      info: { result: OAuthAuthenticatorResult<OidcAuthResult> },
      ctx,
    ) => {
      const claims = idTokenClaims(info.result);

      const iss = typeof claims.iss === 'string' ? claims.iss : '';
      if (iss.replace(/\/+$/, '') !== issuer) {
        throw new NotAllowedError(
          `Sign-in refused: the ID token's issuer is not ${issuer}`,
        );
      }
      if (
        options.realm &&
        !new URL(issuer).pathname.endsWith(
          `/realms/${encodeURIComponent(options.realm)}`,
        )
      ) {
        throw new NotAllowedError(
          `Sign-in refused: the issuer is not the realm ${options.realm}`,
        );
      }

      const username = claims[options.usernameClaim];
      if (
        typeof username !== 'string' ||
        username.length > 63 ||
        !USERNAME.test(username)
      ) {
        throw new NotAllowedError(
          `Sign-in refused: the ID token has no usable ${options.usernameClaim} claim`,
        );
      }

      // Throws NotFoundError when there is no such User: no User, no sign-in.
      const { entity } = await ctx.findCatalogUser({
        entityRef: {
          kind: 'User',
          namespace: DEFAULT_NAMESPACE,
          name: username,
        },
      });
      const userEntityRef = stringifyEntityRef(entity);

      const tokenGroups = claims[options.groupsClaim];
      const keycloakGroups = new Set(
        Array.isArray(tokenGroups)
          ? tokenGroups.filter((g): g is string => typeof g === 'string')
          : [],
      );
      const granted = mapped
        .filter(m => keycloakGroups.has(m.keycloakGroup))
        .flatMap(m => m.entityRefs);

      const { ownershipEntityRefs } = await ctx.resolveOwnershipEntityRefs(
        entity,
      );
      const fromCatalog = ownershipEntityRefs.filter(
        ref => !managedRefs.has(ref.toLocaleLowerCase('en-US')),
      );

      return ctx.issueToken({
        claims: {
          sub: userEntityRef,
          ent: [...new Set([...fromCatalog, ...granted])],
        },
      });
    };
  },
});
