export interface Config {
  kratix?: {
    /** Following requests made through the templates until they are ready. */
    tracking?: {
      /** Seconds between checks of the open requests (default 60). */
      intervalSeconds?: number;
      /** Seconds to wait for a forge, ArgoCD or the cluster (default 15). */
      timeoutSeconds?: number;
      /** Requests one user may have on their way at once (default 25); more are refused with 429. */
      maxOpenRequestsPerUser?: number;
      /** Requests the portal follows at once, from everyone (default 1000); more are refused with 429. */
      maxOpenRequests?: number;
      /** ArgoCD, which syncs the GitOps repository into the platform cluster. */
      argocd?: {
        /** e.g. https://argocd.lab.local */
        baseUrl: string;
        /**
         * An ArgoCD API token (read-only account).
         * @visibility secret
         */
        token?: string;
        /** The Application that syncs the requests folder (default platform-requests). */
        application?: string;
      };
      /**
       * Hours a request that Kratix failed is still followed (default 24).
       * Kratix retries a failed configure workflow on its reconciliation
       * interval (10 hours unless the Promise says otherwise) and on the
       * kratix.io/manual-reconciliation label; a retry that reconciles it
       * makes it Ready. After this, the failure is final.
       */
      followFailedHours?: number;
      /** The Kratix platform cluster: a cluster name in kubernetes.clusterLocatorMethods. */
      cluster?: string;
      /**
       * Where a request whose Kratix workflow is suspended (a pipeline asked for
       * manual approval: Reconciled Unknown, reason WorkflowSuspended) is
       * approved; the timeline links there. Default: the request's node in
       * the ArgoCD Application above (where its kratix.io/workflow-suspended
       * label is removed), or, without ArgoCD, no link but the kubectl command.
       */
      approval?: {
        /**
         * A URL template, e.g.
         * https://approvals.lab.local/{namespace}/{plural}.{group}/{name}?pipeline={pipeline}.
         * Placeholders (URL-encoded): {namespace} {name} {kind} {plural}
         * {group} {version} {promise} {pipeline} (the suspended pipeline)
         * {id} (the portal's request id). Must be an http(s) URL.
         */
        urlTemplate?: string;
      };
    };
  };
}
