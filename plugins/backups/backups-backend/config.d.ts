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
        /**
         * This repository holds the off-site copies (`restic copy` from
         * another repository, off the site): recovery readiness reads the
         * age of its newest snapshot for a site failure.
         */
        offSite?: boolean;
        /** The repository (by name) this one is a `restic copy` of. */
        copyOf?: string;
      }>;
    };
    /**
     * ArgoCD, for recovery readiness: which Applications heal themselves
     * from Git (syncPolicy.automated.selfHeal). Without it, that procedure
     * says ArgoCD is not configured.
     */
    argocd?: {
      /** ArgoCD's API server, e.g. http://argocd-server.argocd.svc */
      baseUrl: string;
      /**
       * A read-only ArgoCD API token (applications, get).
       * @visibility secret
       */
      token?: string;
    };
    /** Where the off-site copies for a site failure are. */
    offSite?: {
      /**
       * Velero BackupStorageLocations off the site (e.g. on S3), by name.
       * A location labelled homelab-portal.io/off-site=true counts too.
       */
      veleroLocations?: string[];
      /**
       * The longest acceptable age of the newest off-site copy, in hours.
       * @default 168
       */
      maxAgeHours?: number;
    };
    /** Recovery readiness: the seed's four recovery procedures. */
    readiness?: {
      /**
       * Each procedure's runbook: a path in the portal (TechDocs) or an
       * http(s) URL.
       */
      runbooks?: {
        partial?: string;
        node?: string;
        cluster?: string;
        site?: string;
      };
      /**
       * A verified restore older than this many days no longer counts as
       * recent.
       * @default 90
       */
      drillMaxAgeDays?: number;
      /**
       * Namespaces whose workloads are not judged for a node failure.
       * @default ["kube-system", "kube-public", "kube-node-lease"]
       */
      ignoreNamespaces?: string[];
      /**
       * StorageClasses whose volumes live on one node.
       * @default ["local-path", "local-storage", "openebs-hostpath"]
       */
      localStorageClasses?: string[];
    };
    /** Restore drills the portal follows and records. */
    drills?: {
      /** Where restic drills restore to; removed after each drill. Default: the OS temp dir. */
      scratchDirectory?: string;
      /**
       * A drill not verified this many minutes after it started has failed.
       * @default 30
       */
      timeoutMinutes?: number;
      /**
       * Restored files a restic drill compares with the repository.
       * @default 5
       */
      sampleSize?: number;
      /**
       * How often drills are followed, in seconds.
       * @default 60
       */
      pollSeconds?: number;
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
