export interface Config {
  /**
   * Backups: Velero (in the clusters configured for the Kubernetes plugin)
   * and restic, judged against the homelab's backup policies. With no
   * cluster and no repository, a simulation of the seed's backups is served,
   * marked as demo data.
   */
  backups?: {
    velero?: {
      /**
       * The namespace Velero runs in.
       * @default velero
       */
      namespace?: string;
    };
    restic?: {
      repositories?: Array<{
        /** A short name, used in annotations (homelab-portal.io/restic). */
        name: string;
        /** RESTIC_REPOSITORY: a path, sftp:, rest:, s3: URL. */
        repository: string;
        /**
         * RESTIC_PASSWORD; passed in the environment, never logged.
         * @visibility secret
         */
        password: string;
      }>;
    };
    /**
     * The backup policies. Default: the seed's (cluster-state, databases,
     * configs, media).
     */
    policies?: Array<{
      name: string;
      title?: string;
      /** The RPO: the longest acceptable age of the last good backup. */
      rpoHours: number;
      /** How long backups must be kept; omit for forever. */
      retentionDays?: number;
      tool: 'velero' | 'restic';
    }>;
    /** The policy for entities of a spec.type that name none themselves. */
    policyByType?: { [type: string]: string };
    /**
     * Per-request timeout for the Kubernetes API and restic, in seconds.
     * @default 20
     */
    timeoutSeconds?: number;
    /**
     * How long backup facts are reused, in seconds.
     * @default 60
     */
    cacheSeconds?: number;
  };
}
