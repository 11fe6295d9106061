export interface Config {
  homelab?: {
    permission?: {
      /**
       * Entity refs of the groups (or single users) allowed to act: create,
       * update and delete, in every plugin. Matched against the signed-in
       * user's ownership refs, so membership comes from the catalog.
       * Defaults to ["group:default/admins"].
       */
      admins?: string[];
    };
  };
}
