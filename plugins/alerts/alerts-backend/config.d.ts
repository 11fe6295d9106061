export interface Config {
  /** Alerts: Alertmanager's alerts on entities, silences, and history. */
  alerts?: {
    /**
     * The Alertmanagers to read (API v2). Without any, the plugin serves a
     * simulation of the seed homelab's alerts, marked as demo data.
     */
    alertmanagers?: Array<{
      /** A short name, used in URLs and in history (letters, digits, . _ -). */
      name: string;
      /** Base URL, such as http://alertmanager.monitoring:9093 */
      baseUrl: string;
      /**
       * A bearer token for an Alertmanager behind an authenticating proxy.
       * @visibility secret
       */
      token?: string;
      /**
       * Per-request timeout in seconds.
       * @default 10
       */
      timeoutSeconds?: number;
    }>;
    webhook?: {
      /**
       * The bearer token Alertmanager's webhook_configs send to
       * /api/alerts/webhook/<name> (http_config.authorization.credentials).
       * Without it the webhook is off and only the poll records history.
       * @visibility secret
       */
      token?: string;
    };
    /**
     * How long an acknowledgement silences an alert, in minutes.
     * @default 15
     */
    acknowledgeMinutes?: number;
    /**
     * How often the poll that fills history gaps runs, in seconds.
     * @default 60
     */
    pollSeconds?: number;
    history?: {
      /**
       * Days of history kept.
       * @default 90
       */
      retentionDays?: number;
    };
  };
}
