export interface Config {
  homelab?: {
    signIn?: {
      /**
       * The sign-in choices offered, in order: "guest" (the local start) or
       * "keycloak" (the backend's `oidc` provider). Defaults to ["guest"].
       * @visibility frontend
       */
      providers?: Array<'guest' | 'keycloak'>;
    };
  };
}
