export interface Config {
  homelab?: {
    /**
     * The local start's stand-in for a forge: publish:gitea:pull-request
     * writes requests for `host` to a local Git repository, as a branch with
     * one commit each, instead of opening a pull request; merging the branch
     * into main approves it. Leave it out where a forge runs (production).
     */
    localForge?: {
      /** The forge host it stands in for, e.g. git.lab.local. */
      host: string;
      /**
       * The repository's folder, relative to the backend's working directory;
       * created (git init, a first commit on main) when missing or empty.
       */
      directory: string;
    };
  };
}
