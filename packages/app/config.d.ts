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
    localForge?: {
      /**
       * The forge host the local start's Git repository stands in for
       * (declared with the rest of homelab.localForge by
       * scaffolder-backend-module-gitea-pull-request): the templates' forms
       * then say that the change goes to the local Git repository.
       * @visibility frontend
       */
      host: string;
    };
  };
}
