/**
 * The demo source of the secrets inventory (the local start, where no Vault
 * is configured): the seed homelab's secrets, answered as Vault 1.15 answers
 * its metadata routes (`sys/mounts`, `<mount>/metadata/<path>?list=true`,
 * `<mount>/metadata/<path>`), in Vault's envelope. It is a `fetch` for
 * VaultMetadataReader, so demo answers go through the same reading and
 * checking as a live Vault's. It holds no values, only metadata.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One seed secret: where, for whom, its type, and its versions' ages. */
export interface DemoSecret {
  path: string;
  service: string;
  type: string;
  /** Age of each version (oldest first), in ms before now. */
  versionAges: number[];
  rotationPeriod?: string;
}

/**
 * The seed's secrets (homelab-architecture.md, "Secret Management"): API
 * keys in Vault KV rotated by hand; database passwords issued by Vault's
 * database engine for an hour; TLS certificates from Vault PKI for 90 days
 * through cert-manager. Two are findings, as a homelab has: Grafana's API
 * key is past the 90 days its metadata asks for, and restic still has a
 * stored SSH key (the policy is certificates signed per session).
 */
export const DEMO_SECRETS: DemoSecret[] = [
  {
    path: 'homelab/gitea/api-token',
    service: 'gitea',
    type: 'api-key',
    versionAges: [200 * DAY, 41 * DAY],
  },
  {
    path: 'homelab/gitea/db-password',
    service: 'gitea',
    type: 'db-password',
    versionAges: [25 * 60_000],
  },
  {
    path: 'homelab/grafana/admin-api-key',
    service: 'grafana',
    type: 'api-key',
    versionAges: [130 * DAY],
    rotationPeriod: '90d',
  },
  {
    path: 'homelab/keycloak/db-password',
    service: 'keycloak',
    type: 'db-password',
    versionAges: [12 * 60_000],
  },
  {
    path: 'homelab/argocd/gitea-token',
    service: 'argocd',
    type: 'api-key',
    versionAges: [60 * DAY],
  },
  {
    path: 'homelab/homelab-portal/tls',
    service: 'homelab-portal',
    type: 'tls-cert',
    versionAges: [100 * DAY, 24 * DAY],
  },
  {
    path: 'homelab/minio/tls',
    service: 'minio',
    type: 'tls-cert',
    versionAges: [61 * DAY],
  },
  {
    path: 'homelab/registry/tls',
    service: 'registry',
    type: 'tls-cert',
    versionAges: [33 * DAY],
  },
  {
    path: 'homelab/restic/ssh-key',
    service: 'restic',
    type: 'ssh-key',
    versionAges: [180 * DAY],
  },
];

const MOUNT = 'secret';

function envelope(data: unknown) {
  return {
    request_id: 'demo',
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: null,
    auth: null,
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A `fetch` that answers Vault's metadata routes from the seed's secrets. */
export function demoVaultFetch(
  secrets: DemoSecret[] = DEMO_SECRETS,
  now: () => number = Date.now,
): typeof fetch {
  return async input => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const path = url.pathname.replace(/^\/v1\//, '');
    if (path === 'sys/mounts') {
      return json(
        200,
        envelope({
          'sys/': { type: 'system', options: null, description: '' },
          [`${MOUNT}/`]: {
            type: 'kv',
            options: { version: '2' },
            description: 'the homelab’s secrets (demo)',
          },
        }),
      );
    }
    const m = new RegExp(`^${MOUNT}/metadata/(.*)$`).exec(path);
    if (!m) return json(404, { errors: [] });
    const sub = decodeURIComponent(m[1]);
    if (url.searchParams.get('list') === 'true') {
      const prefix = sub === '' || sub.endsWith('/') ? sub : `${sub}/`;
      const keys = new Set<string>();
      for (const secret of secrets) {
        if (!secret.path.startsWith(prefix)) continue;
        const rest = secret.path.slice(prefix.length);
        keys.add(rest.includes('/') ? `${rest.split('/')[0]}/` : rest);
      }
      return keys.size
        ? json(200, envelope({ keys: [...keys].sort() }))
        : json(404, { errors: [] });
    }
    const secret = secrets.find(s => s.path === sub);
    if (!secret) return json(404, { errors: [] });
    const times = secret.versionAges.map(age =>
      new Date(now() - age).toISOString(),
    );
    return json(
      200,
      envelope({
        cas_required: false,
        created_time: times[0],
        current_version: times.length,
        custom_metadata: {
          service: secret.service,
          type: secret.type,
          ...(secret.rotationPeriod
            ? { 'rotation-period': secret.rotationPeriod }
            : {}),
        },
        delete_version_after: '0s',
        max_versions: 0,
        oldest_version: 0,
        updated_time: times[times.length - 1],
        versions: Object.fromEntries(
          times.map((created, i) => [
            String(i + 1),
            { created_time: created, deletion_time: '', destroyed: false },
          ]),
        ),
      }),
    );
  };
}
