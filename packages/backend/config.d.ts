export interface Config {
  homelab?: {
    /** Guards in front of every route (packages/backend/src/security). */
    security?: {
      /**
       * Host names the backend answers to, besides those of backend.baseUrl
       * and app.baseUrl, localhost and IP addresses (e.g. an in-cluster
       * Service name). Any other Host header is refused (DNS rebinding).
       */
      allowedHosts?: string[];
      /**
       * What the proxy plugin may forward. Default deny: a request under
       * /api/proxy passes only if it matches one of these rules.
       */
      proxy?: Array<{
        /** The proxy endpoint, as in proxy.endpoints (e.g. /argocd/api). */
        endpoint: string;
        /** Allowed methods (default GET). */
        methods?: string[];
        /**
         * Allowed paths below the endpoint; `{x}` stands for one path
         * segment of letters, digits, ".", "_" and "-" (never ".." or "/").
         */
        paths: string[];
        /** Allowed query parameters (default none). */
        query?: string[];
      }>;
    };
  };
}
