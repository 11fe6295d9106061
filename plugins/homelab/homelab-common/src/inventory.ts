import { createPermission } from '@backstage/plugin-permission-common';
import { DnsNameUse, DnsProblem, DnsRecord } from './dns';
import { SecretStatus } from './secrets';

/**
 * Reading the DNS view (records, names in use, problems). Its action is
 * `read`, so the homelab's policy lets every signed-in user read it.
 *
 * @public
 */
export const homelabDnsReadPermission = createPermission({
  name: 'homelab.dns.read',
  attributes: { action: 'read' },
});

/**
 * Reading the secrets inventory: Vault metadata (paths, versions, times),
 * never a value.
 *
 * @public
 */
export const homelabSecretsReadPermission = createPermission({
  name: 'homelab.secrets.read',
  attributes: { action: 'read' },
});

/** @public */
export const homelabPermissions = [
  homelabDnsReadPermission,
  homelabSecretsReadPermission,
];

/** Where an answer came from: the live systems, or the labelled demo source. @public */
export type InventorySource = 'live' | 'demo';

/** One name of the DNS view: its records, who answers it, who uses it. @public */
export type DnsNameRow = {
  name: string;
  records: DnsRecord[];
  server: string;
  role: 'authoritative' | 'upstream';
  uses: DnsNameUse[];
};

/** GET /api/homelab/dns. @public */
export type DnsReport = {
  source: InventorySource;
  /** Where the records were read: the GitOps folder or URL. */
  location: string;
  at: string;
  zones: string[];
  /** Pi-hole's forwards (`lab.local` to GoZones) and upstreams. */
  forwards: Array<{ domain: string; server: string }>;
  upstreams: string[];
  names: DnsNameRow[];
  problems: DnsProblem[];
  /** Sources that could not be read (the clusters' ingresses, Kratix). */
  warnings: string[];
};

/** One secret of the inventory, with its policy and findings. @public */
export type SecretRow = SecretStatus & {
  /** The type its metadata declares, when no policy exists for it. */
  declaredType?: string;
  storage?: string;
  access?: string;
  /** Whole days since its current version was written. */
  ageDays?: number;
};

/** GET /api/homelab/secrets. @public */
export type SecretsReport = {
  source: InventorySource;
  at: string;
  /** The KV v2 mounts read. */
  mounts: string[];
  secrets: SecretRow[];
  /** The count of overdue secrets and of secrets with no policy. */
  overdue: number;
  noPolicy: number;
};
