import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  kratix?: {
    /**
     * Requests in flight in the catalog: each request made through the portal,
     * from its merge until Kratix reports it Reconciled, as a Resource of type
     * kratix-request owned by its requester and depending on its Promise's API
     * entity. Read from the kratix backend plugin.
     */
    requestEntities?: {
      /** Default true. */
      enabled?: boolean;
      /** How often to read the kratix backend (default: every minute). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    promises?: {
      /**
       * Where Promises come from; each yields the Promises it holds. Default:
       * none (no Promise entities).
       */
      sources?: Array<
        | {
            /** Every promise.yaml under a folder of this checkout (the local start). */
            type: 'file';
            /** Relative to the backend's working directory. */
            path: string;
          }
        | {
            /** Every promise.yaml under a Git tree the URL reader can read (Gitea, Forgejo, GitHub, GitLab). */
            type: 'url';
            /** e.g. https://git.lab.local/homelab/gitops/src/branch/main/promises */
            target: string;
          }
        | {
            /** platform.kratix.io/v1alpha1 Promises of a cluster of kubernetes.clusterLocatorMethods. */
            type: 'cluster';
            /** The cluster's name there. */
            cluster: string;
          }
      >;
      /** How often to read the sources (default: every 5 minutes). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Catalog owner of Promises without a homelab-portal.io/owner annotation (default group:default/admins). */
      owner?: string;
      /** System of Promises without a homelab-portal.io/system annotation. */
      system?: string;
      /** Lifecycle of the API entities (default production). */
      lifecycle?: string;
      /** Where the generated templates' pull requests put requests (default platform/requests). */
      requestsPath?: string;
      /** Hosts the generated templates' repository picker offers (default git.lab.local, github.com, gitlab.com). */
      allowedHosts?: string[];
      /** Seconds to wait for a cluster (default 20). */
      timeoutSeconds?: number;
    };
  };
}
