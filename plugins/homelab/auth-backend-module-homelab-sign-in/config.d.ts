export interface Config {
  auth?: {
    providers?: {
      oidc?: {
        [authEnv: string]: {
          /**
           * How a Keycloak user becomes a Backstage identity
           * (@homelab-portal/plugin-auth-backend-module-homelab-sign-in). The
           * ID token's username claim names the catalog User; Keycloak groups
           * grant the ownership refs listed here, and only Keycloak grants
           * them. Replaces `signIn.resolvers`, which this module refuses.
           */
          homelabSignIn?: {
            /**
             * The issuer the ID token must name (its `iss` claim), e.g.
             * https://keycloak.lab.local/realms/homelab. Defaults to
             * `metadataUrl` without `/.well-known/openid-configuration`,
             * which is Keycloak's issuer for that realm.
             */
            issuer?: string;
            /**
             * The Keycloak realm the issuer must be (its path ends in
             * /realms/<realm>). Optional, checked when set.
             */
            realm?: string;
            /**
             * The ID token claim that names the catalog User
             * (user:default/<value>). Defaults to preferred_username.
             */
            usernameClaim?: string;
            /**
             * The ID token claim listing the user's Keycloak groups (full
             * paths, from a "Group Membership" mapper). Defaults to groups.
             */
            groupsClaim?: string;
            /**
             * Keycloak groups and the ownership refs (Backstage groups)
             * their members get. A ref listed here is never taken from the
             * catalog's memberships: only the Keycloak group grants it.
             */
            groups?: Array<{
              /** A Keycloak group's full path, e.g. /homelab-admins. */
              keycloakGroup: string;
              /** Entity refs granted, e.g. group:default/admins. */
              entityRefs: string[];
            }>;
          };
        };
      };
    };
  };
}
