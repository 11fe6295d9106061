export interface Config {
  homelab?: {
    /**
     * The DNS view: GoZones' zone and Pi-hole's forwarding, read from the
     * homelab's GitOps repository (platform/dns/gozones/zones.yml and
     * platform/dns/pihole/02-lab-local.conf). Without either key the
     * repository's example gitops/ folder is read, labelled as demo data.
     */
    dns?: {
      /** A folder holding the GitOps tree, absolute or relative to where the backend starts. */
      gitopsDir?: string;
      /**
       * The GitOps tree in a forge the integrations can read, such as
       * https://git.lab.local/homelab/gitops/src/branch/main
       */
      gitopsUrl?: string;
    };
    /**
     * The secrets inventory: Vault's metadata only (sys/mounts and the KV v2
     * metadata routes), never a value. Without baseUrl the plugin serves the
     * seed's secrets as Vault-shaped answers, labelled as demo data.
     */
    vault?: {
      /** Vault's address, such as http://vault.vault.svc:8200 */
      baseUrl?: string;
      /**
       * A token whose policy may read sys/mounts and list and read
       * `<mount>/metadata/*` (never `<mount>/data/*`).
       * @visibility secret
       */
      token?: string;
      /** The KV v2 mounts to read (default: every KV v2 mount). */
      mounts?: string[];
      /**
       * The folder of each mount that holds the homelab's secrets.
       * @default homelab/
       */
      prefix?: string;
      /**
       * Per-request timeout in seconds.
       * @default 5
       */
      timeoutSeconds?: number;
    };
  };
}
