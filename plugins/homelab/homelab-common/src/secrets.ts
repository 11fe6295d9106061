/**
 * The seed's secret-management table (homelab-architecture.md, "Secret
 * Management"): where each type lives in Vault and how often it rotates.
 *
 * @public
 */
export const SECRET_POLICIES = {
  'api-key': {
    title: 'API keys',
    storage: 'Vault KV',
    rotation: 'Manual',
    /** Manual: no period, unless the secret's metadata sets one. */
    maxAgeMs: undefined as number | undefined,
    access: 'Policy-based',
  },
  'db-password': {
    title: 'DB passwords',
    storage: 'Vault Dynamic',
    rotation: 'Automatic (1 h)',
    maxAgeMs: (60 * 60 * 1000) as number | undefined,
    access: 'On-demand',
  },
  'tls-cert': {
    title: 'TLS certs',
    storage: 'Vault PKI',
    rotation: 'Automatic (90 d)',
    maxAgeMs: (90 * 24 * 60 * 60 * 1000) as number | undefined,
    access: 'cert-manager',
  },
  'ssh-key': {
    title: 'SSH keys',
    storage: 'Vault SSH',
    rotation: 'Per session',
    /** Signed per session: a stored, long-lived key is itself a finding. */
    maxAgeMs: 0 as number | undefined,
    access: 'Signed certs',
  },
} as const;

/** @public */
export type SecretType = keyof typeof SECRET_POLICIES;

/** A secret's metadata (never its value), as Vault reports it. @public */
export interface SecretMetadata {
  /** `mount/path`, e.g. `secret/homelab/gitea/api-token`. */
  path: string;
  mount: string;
  type: SecretType | 'unknown';
  /** The type its custom metadata names when the seed has no policy for it. */
  declaredType?: string;
  /** The catalog entity it belongs to, from its custom metadata. */
  service?: string;
  version?: number;
  /** When the current version was written (the last rotation). */
  lastRotated?: string;
  /** A rotation period the secret's metadata sets, in ms (manual types). */
  rotationPeriodMs?: number;
}

/** A secret with its policy and whether its rotation is overdue. @public */
export interface SecretStatus extends SecretMetadata {
  rotation: string;
  overdue: boolean;
  /** Why it is overdue, or why nothing can be said. */
  reason?: string;
}

function formatAge(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Math.floor(hours)} h` : `${Math.floor(hours / 24)} d`;
}

/**
 * Applies the seed's rotation policy to each secret: overdue when its
 * current version is older than its type's period (or the period its
 * metadata sets for a manual type); a stored SSH key is always flagged,
 * since the policy is certificates signed per session.
 *
 * @public
 */
export function secretStatuses(
  secrets: SecretMetadata[],
  now: Date,
): SecretStatus[] {
  return secrets.map(secret => {
    if (secret.type === 'unknown') {
      return {
        ...secret,
        rotation: 'unknown',
        overdue: false,
        reason: secret.declaredType
          ? `No rotation policy for its type "${secret.declaredType}" (the seed's table has API keys, DB passwords, TLS certs and SSH keys)`
          : 'No type in its metadata (custom_metadata.type)',
      };
    }
    const policy = SECRET_POLICIES[secret.type];
    const period = secret.rotationPeriodMs ?? policy.maxAgeMs;
    if (secret.type === 'ssh-key') {
      return {
        ...secret,
        rotation: policy.rotation,
        overdue: true,
        reason:
          'A stored SSH key: the policy is certificates signed by Vault SSH per session',
      };
    }
    const written = secret.lastRotated
      ? Date.parse(secret.lastRotated)
      : Number.NaN;
    if (Number.isNaN(written)) {
      return {
        ...secret,
        rotation: policy.rotation,
        overdue: false,
        reason: 'Vault reports no time for its current version',
      };
    }
    const age = now.getTime() - written;
    const overdue = period !== undefined && age > period;
    return {
      ...secret,
      rotation: policy.rotation,
      overdue,
      reason: overdue
        ? `Last rotated ${formatAge(age)} ago; the policy is ${
            secret.rotationPeriodMs !== undefined
              ? `every ${formatAge(
                  secret.rotationPeriodMs,
                )}, as its metadata asks (${policy.rotation.toLowerCase()} rotation)`
              : policy.rotation.toLowerCase()
          }`
        : undefined,
    };
  });
}
