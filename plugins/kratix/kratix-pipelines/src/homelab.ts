/**
 * What the seed homelab runs, in one place: every pipeline reads its
 * endpoints, class names, Vault paths and images from here. Change a value
 * here (and rebuild the images) when the homelab changes.
 *
 * Facts from the homelab's architecture (shared/design/homelab-architecture.md)
 * and the portal's own deploy/ manifests are marked "seed"; the rest are the
 * homelab's conventions that the seed leaves open, marked "choice".
 */
export const homelab = {
  /** seed: the homelab's own registry (deploy/portal.yaml pulls from it). */
  registry: 'registry.lab.local',
  /** seed: the zone that Pi-hole forwards to GoZones. */
  domain: 'lab.local',
  /** seed: Tier 1 persistent block storage. */
  storageClass: 'longhorn',
  /** seed: deploy/portal.yaml's ingress class and cluster issuer. */
  ingressClassName: 'nginx',
  clusterIssuer: 'vault-pki',
  /**
   * seed: TLS certificates from Vault PKI rotate every 90 days; the
   * CertExpiring alert fires under 14 days, so renew before it can fire.
   */
  certificate: { duration: '2160h', renewBefore: '360h' },
  /** choice: the name the ingress controller answers on (the CNAME target). */
  ingressHost: 'ingress.lab.local',
  /** choice: GoZones reads its records from ConfigMaps in this namespace. */
  gozones: { namespace: 'gozones', label: 'gozones.lab.local/record' },
  /**
   * choice: the subnet of each VLAN of the seed's table (10 management,
   * 20 server/lab, 30 user/trusted, 40 IoT, 50 storage). A VLAN not listed
   * here cannot be allowed.
   */
  vlanCidrs: {
    10: '10.0.10.0/24',
    20: '10.0.20.0/24',
    30: '10.0.30.0/24',
    40: '10.0.40.0/24',
    50: '10.0.50.0/24',
  } as Record<number, string>,
  /**
   * External Secrets Operator's store for Vault (seed: secrets live in
   * Vault; choice: through ESO). Paths are KV v2 keys under the store's mount.
   */
  vault: {
    store: { kind: 'ClusterSecretStore', name: 'vault' },
    /** where each pipeline keeps what it generates */
    prefix: 'homelab-portal',
    /** the MinIO credentials CloudNativePG writes backups with (choice) */
    backupCredentialsKey: 'homelab/minio/cnpg-backups',
    /** MinIO's admin credentials, read only by the bucket Job (choice) */
    minioAdminKey: 'homelab/minio/admin',
    /** Keycloak's admin credentials, read only by the client Job (choice) */
    keycloakAdminKey: 'homelab/keycloak/admin',
  },
  /** seed: MinIO on the NAS (Tier 2) holds bulk data and backups. */
  minio: {
    url: 'https://minio.lab.local',
    backupBucket: 'cnpg-backups',
    /** choice: the platform namespace where bucket Jobs run */
    jobNamespace: 'minio-provisioning',
  },
  /** seed: Keycloak is the homelab's SSO. */
  keycloak: {
    url: 'https://keycloak.lab.local',
    realm: 'homelab',
    /** choice: the platform namespace where client Jobs run */
    jobNamespace: 'keycloak',
  },
  /** seed: databases are backed up hourly and kept 3 days. */
  databaseBackup: { schedule: '0 * * * *', retentionDays: 3 },
  /** Images, all mirrored into the homelab's registry (offline capable). */
  images: {
    postgresql: (major: string) =>
      `registry.lab.local/cloudnative-pg/postgresql:${major}`,
    redis: 'registry.lab.local/library/redis:7.4',
    mc: 'registry.lab.local/minio/mc:RELEASE.2025-08-13T08-35-41Z',
    keycloakConfigCli:
      'registry.lab.local/adorsys/keycloak-config-cli:6.4.0-26.1.0',
  },
  /**
   * Names under lab.local that the homelab's own services answer on: a
   * request may not take them over (its DNS record would redirect them).
   */
  reservedHosts: [
    'portal',
    'keycloak',
    'vault',
    'minio',
    'ingress',
    'registry',
    'argocd',
    'grafana',
    'prometheus',
    'alertmanager',
    'pihole',
    'dns',
    'gozones',
    'nas',
  ],
  /** OIDC clients the homelab's realm or portal already owns. */
  reservedClients: [
    'account',
    'account-console',
    'admin-cli',
    'broker',
    'realm-management',
    'security-admin-console',
    'homelab-portal',
    'argocd',
    'grafana',
    'vault',
  ],
  /** Namespaces a request may never target. */
  reservedNamespaces: [
    'kube-system',
    'kube-public',
    'kube-node-lease',
    'kratix-platform-system',
  ],
} as const;

/** The pipelines' own images: one per Promise, built from one Dockerfile. */
export function pipelineImage(promise: string, version: string): string {
  return `${homelab.registry}/homelab-portal/${promise}-pipeline:${version}`;
}
