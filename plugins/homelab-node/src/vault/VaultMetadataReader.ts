import { CustomErrorBase } from '@backstage/errors';
import {
  SECRET_POLICIES,
  SecretMetadata,
  SecretType,
} from '@homelab-portal/plugin-homelab-common';

/** Vault could not answer as asked. @public */
export class VaultError extends CustomErrorBase {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

const MAX_SECRETS = 1000;
const MAX_DEPTH = 6;

function parsePeriod(value: unknown): number | undefined {
  const m = typeof value === 'string' ? /^(\d{1,6})(h|d)$/.exec(value) : null;
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'h' ? 3_600_000 : 86_400_000);
}

/**
 * Reads the homelab's secrets inventory from Vault's metadata only: the
 * mounts (`sys/mounts`) and, in each KV v2 mount, every secret's metadata
 * (`<mount>/metadata/<path>`: versions and their times, custom_metadata).
 * It never reads `<mount>/data/...`: no secret value ever reaches the portal.
 *
 * @public
 */
export class VaultMetadataReader {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly options: {
      baseUrl: string;
      /** Never logged. */
      token: string;
      timeoutMs?: number;
      fetch?: typeof fetch;
      /** The folder of each KV mount that holds the homelab's secrets. */
      prefix?: string;
    },
  ) {
    this.fetch = options.fetch ?? fetch;
  }

  private async get(path: string): Promise<any> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/v1/${path}`;
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers: { 'X-Vault-Token': this.options.token },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new VaultError(`Vault did not answer (${(error as Error).name})`);
    }
    const text = await response.text();
    if (!response.ok) {
      let errors = '';
      try {
        errors = (JSON.parse(text).errors ?? []).join('; ');
      } catch {
        errors = text.slice(0, 200);
      }
      throw new VaultError(
        `Vault answered ${response.status} for ${
          path.split('?')[0]
        }: ${errors}`,
        response.status,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new VaultError(
        `Vault's answer for ${path.split('?')[0]} is not JSON`,
      );
    }
  }

  /** Every secret's metadata in every KV v2 mount, bounded to 1,000 secrets. */
  async inventory(): Promise<SecretMetadata[]> {
    const mounts = (await this.get('sys/mounts')).data ?? {};
    const secrets: SecretMetadata[] = [];
    for (const [mountPath, mount] of Object.entries<any>(mounts)) {
      if (mount?.type !== 'kv' || String(mount?.options?.version) !== '2') {
        continue;
      }
      const mountName = mountPath.replace(/\/$/, '');
      const walk = async (prefix: string, depth: number) => {
        if (depth > MAX_DEPTH || secrets.length >= MAX_SECRETS) return;
        const listed = await this.get(
          `${mountName}/metadata/${prefix}?list=true`,
        );
        for (const key of (listed.data?.keys ?? []) as string[]) {
          if (secrets.length >= MAX_SECRETS) return;
          if (key.includes('..')) continue;
          if (key.endsWith('/')) {
            await walk(`${prefix}${key}`, depth + 1);
            continue;
          }
          const path = `${prefix}${key}`;
          const meta = (await this.get(`${mountName}/metadata/${path}`)).data;
          const custom = meta?.custom_metadata ?? {};
          const version = meta?.current_version;
          const type = (
            custom.type in SECRET_POLICIES ? custom.type : 'unknown'
          ) as SecretType | 'unknown';
          secrets.push({
            path: `${mountName}/${path}`,
            mount: mountName,
            type,
            service:
              typeof custom.service === 'string' ? custom.service : undefined,
            version: typeof version === 'number' ? version : undefined,
            lastRotated:
              meta?.versions?.[String(version)]?.created_time ??
              meta?.updated_time,
            rotationPeriodMs: parsePeriod(custom['rotation-period']),
          });
        }
      };
      await walk(this.options.prefix ?? 'homelab/', 0);
    }
    return secrets;
  }
}
