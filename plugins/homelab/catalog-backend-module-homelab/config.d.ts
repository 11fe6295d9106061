export interface Config {
  homelab?: {
    catalog?: {
      /**
       * How old (seconds) the catalog's view of the other VLANs and devices
       * may be for the checks across entities (duplicate VLAN ids,
       * overlapping subnets, duplicate MAC and IP addresses). Default 30.
       */
      neighboursMaxAgeSeconds?: number;
    };
  };
}
