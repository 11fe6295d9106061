import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  AuthResolverContext,
  OAuthAuthenticatorResult,
} from '@backstage/plugin-auth-node';
import type { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { keycloakSignInResolver } from './keycloakSignInResolver';

const ISSUER = 'https://keycloak.lab.local/realms/homelab';

function user(name: string, memberOf: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf },
  };
}

// The catalog of catalog/org.yaml: operator is in admins there.
const catalog: Record<string, Entity> = {
  operator: user('operator', ['admins']),
  resident: user('resident', ['household']),
};

function context() {
  const issued: { sub: string; ent?: string[] }[] = [];
  const ctx = {
    async findCatalogUser(query: any) {
      const entity = catalog[query.entityRef.name];
      if (!entity) {
        throw new NotFoundError(`no user ${query.entityRef.name}`);
      }
      return { entity };
    },
    async resolveOwnershipEntityRefs(entity: Entity) {
      const groups = (entity.spec!.memberOf as string[]).map(
        g => `group:default/${g}`,
      );
      return { ownershipEntityRefs: [stringifyEntityRef(entity), ...groups] };
    },
    async issueToken(params: any) {
      issued.push(params.claims);
      return { token: 'backstage-token' };
    },
    async signInWithCatalogUser() {
      throw new Error('not used');
    },
  } as unknown as AuthResolverContext;
  return { ctx, issued };
}

/** What the oidc authenticator hands the resolver after a verified callback. */
function signInInfo(
  claims: Record<string, unknown>,
  profile: { email?: string } = {},
) {
  const result = {
    fullProfile: {
      tokenset: { id_token: 'header.payload.signature', claims: () => claims },
      userinfo: { sub: 'x', ...profile },
    },
    session: { accessToken: 'a', tokenType: 'bearer', scope: 'openid' },
  } as unknown as OAuthAuthenticatorResult<OidcAuthResult>;
  return { profile, result };
}

const resolver = keycloakSignInResolver({
  issuer: ISSUER,
  realm: 'homelab',
  groups: [
    { keycloakGroup: '/homelab-admins', entityRefs: ['group:default/admins'] },
  ],
});

describe('keycloakSignInResolver', () => {
  it('signs the realm user in as the catalog User of that username', async () => {
    const { ctx, issued } = context();
    await resolver(
      signInInfo({ iss: ISSUER, preferred_username: 'resident', groups: [] }),
      ctx,
    );
    expect(issued).toEqual([
      {
        sub: 'user:default/resident',
        ent: ['user:default/resident', 'group:default/household'],
      },
    ]);
  });

  it('grants admins only through the mapped Keycloak group', async () => {
    const { ctx, issued } = context();
    await resolver(
      signInInfo({
        iss: ISSUER,
        preferred_username: 'operator',
        groups: ['/homelab-admins'],
      }),
      ctx,
    );
    expect(issued[0].ent).toEqual([
      'user:default/operator',
      'group:default/admins',
    ]);
  });

  it('does not take admins from the catalog without the Keycloak group', async () => {
    const { ctx, issued } = context();
    await resolver(
      signInInfo({ iss: ISSUER, preferred_username: 'operator', groups: [] }),
      ctx,
    );
    expect(issued[0]).toEqual({
      sub: 'user:default/operator',
      ent: ['user:default/operator'],
    });
  });

  it('ignores the email: a stranger whose local part is an admin name is not that admin', async () => {
    const { ctx, issued } = context();
    await expect(
      resolver(
        signInInfo(
          {
            iss: ISSUER,
            preferred_username: 'stranger',
            email: 'operator@evil.example',
            email_verified: true,
          },
          { email: 'operator@evil.example' },
        ),
        ctx,
      ),
    ).rejects.toThrow(NotFoundError);
    expect(issued).toEqual([]);
  });

  it('refuses a token from another issuer or realm', async () => {
    const { ctx, issued } = context();
    for (const iss of [
      'https://keycloak.lab.local/realms/master',
      'https://evil.example/realms/homelab',
      undefined,
    ]) {
      await expect(
        resolver(
          signInInfo({
            iss,
            preferred_username: 'operator',
            groups: ['/homelab-admins'],
          }),
          ctx,
        ),
      ).rejects.toThrow(/issuer/);
    }
    expect(issued).toEqual([]);
  });

  it('checks the realm of the configured issuer', async () => {
    const { ctx } = context();
    const wrongRealm = keycloakSignInResolver({
      issuer: 'https://keycloak.lab.local/realms/master',
      realm: 'homelab',
    });
    await expect(
      wrongRealm(
        signInInfo({
          iss: 'https://keycloak.lab.local/realms/master',
          preferred_username: 'operator',
        }),
        ctx,
      ),
    ).rejects.toThrow(/realm homelab/);
  });

  it.each([
    ['missing', undefined],
    ['not a string', ['operator']],
    ['traversal', '../operator'],
    ['a namespace', 'default/operator'],
    ['upper case', 'Operator'],
    ['a homoglyph', 'оperator'], // Cyrillic о
    ['too long', 'a'.repeat(64)],
  ])('refuses a username that is %s', async (_, preferred_username) => {
    const { ctx, issued } = context();
    await expect(
      resolver(signInInfo({ iss: ISSUER, preferred_username }), ctx),
    ).rejects.toThrow(/preferred_username/);
    expect(issued).toEqual([]);
  });

  it('refuses a user with no catalog User', async () => {
    const { ctx } = context();
    await expect(
      resolver(signInInfo({ iss: ISSUER, preferred_username: 'nobody' }), ctx),
    ).rejects.toThrow(NotFoundError);
  });

  it('refuses a result without an ID token', async () => {
    const { ctx } = context();
    const info = signInInfo({ iss: ISSUER, preferred_username: 'operator' });
    (info.result.fullProfile.tokenset as any).id_token = undefined;
    await expect(resolver(info, ctx)).rejects.toThrow(/ID token/);
  });

  it('ignores a groups claim that is not a list of strings', async () => {
    const { ctx, issued } = context();
    await resolver(
      signInInfo({
        iss: ISSUER,
        preferred_username: 'resident',
        groups: '/homelab-admins',
      }),
      ctx,
    );
    expect(issued[0].ent).not.toContain('group:default/admins');
  });

  it('reads other claims when configured', async () => {
    const { ctx, issued } = context();
    const custom = keycloakSignInResolver({
      issuer: ISSUER,
      usernameClaim: 'uid',
      groupsClaim: 'roles',
      groups: [{ keycloakGroup: 'admin', entityRefs: ['Group:admins'] }],
    });
    await custom(
      signInInfo({ iss: ISSUER, uid: 'resident', roles: ['admin'] }),
      ctx,
    );
    expect(issued[0].ent).toContain('group:default/admins');
  });

  it('refuses invalid options', () => {
    expect(() => keycloakSignInResolver({ issuer: 'not a url' })).toThrow(
      /Invalid sign-in resolver options/,
    );
  });
});
