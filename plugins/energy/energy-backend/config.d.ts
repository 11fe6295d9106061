export interface Config {
  /** Energy: Kepler power and energy per entity, with cost and CO2. */
  energy?: {
    /**
     * The Prometheus that scrapes Kepler. Without it the plugin serves a
     * deterministic simulation of the seed homelab, marked as demo data.
     */
    prometheus?: {
      /** Base URL, such as http://prometheus.monitoring:9090 */
      baseUrl: string;
      /**
       * Per-request timeout in seconds, also sent to Prometheus.
       * @default 10
       */
      timeoutSeconds?: number;
      /**
       * A bearer token for a Prometheus behind an authenticating proxy.
       * @visibility secret
       */
      token?: string;
    };
    kepler?: {
      /**
       * RAPL zones in order of preference; `a+b` sums zones that do not
       * overlap. Zones that overlap are never summed.
       * @default ["psys", "package+dram", "core"]
       */
      zones?: string[];
      /**
       * The node label of Kepler 0.7.x node series.
       * @default instance
       */
      legacyNodeLabel?: string;
      /**
       * Prometheus's scrape interval for Kepler, in seconds.
       * @default 30
       */
      scrapeIntervalSeconds?: number;
    };
    /**
     * Power gauges in watts that hardware entities may name in their
     * homelab-portal.io/power-metric annotation (smart plugs, Redfish).
     * No other metric name is ever queried.
     */
    powerMetrics?: string[];
    tariff?: {
      /**
       * ISO 4217 currency code.
       * @default EUR
       * @visibility frontend
       */
      currency?: string;
      /**
       * Price of one kWh.
       * @default 0.3
       */
      pricePerKWh?: number;
      /**
       * Grid carbon intensity in grams of CO2 per kWh.
       * @default 350
       */
      gridIntensityGramsPerKWh?: number;
    };
    /**
     * How long answers are reused, in seconds.
     * @default 30
     */
    cacheTtlSeconds?: number;
  };
}
