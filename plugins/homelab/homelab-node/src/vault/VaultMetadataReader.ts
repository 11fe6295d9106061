import { UpstreamError, fetchUpstream } from '../upstream/fetchUpstream';
import {
  SECRET_POLICIES,
  SecretMetadata,
  SecretType,
} from '@homelab-portal/plugin-homelab-common';

/** Vault could not answer as asked. @public */
export class VaultError extends UpstreamError {}

const MAX_SECRETS = 1000;

// any: Vault's JSON is nested; the caller checks each field it reads
function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value, if it has the shape asked for; a VaultError naming the route if not. */
function shaped<T>(
  value: unknown,
  check: (v: unknown) => v is T,
  route: string,
  expected: string,
): T {
  if (!check(value)) {
    throw new VaultError(
      `Vault's answer for ${route.split('?')[0]} is not ${expected}`,
    );
  }
  return value;
}
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
      /** The KV v2 mounts to read (default: every KV v2 mount Vault lists). */
      mounts?: string[];
    },
  ) {
    this.fetch = options.fetch ?? fetch;
  }

  // any: Vault's JSON, checked with isObject by each caller
  private async get(path: string): Promise<any> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/v1/${path}`;
    const { response, text } = await fetchUpstream('Vault', url, {
      headers: { 'X-Vault-Token': this.options.token },
      timeoutMs: this.options.timeoutMs ?? 5000,
      fetch: this.fetch,
      errorClass: VaultError,
      asked: path.split('?')[0],
    });
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
        { status: response.status },
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

  /** The KV v2 mounts read by the last inventory. */
  lastMounts: string[] = [];

  /** Every secret's metadata in every KV v2 mount, bounded to 1,000 secrets. */
  async inventory(): Promise<SecretMetadata[]> {
    const mounts = shaped(
      (await this.get('sys/mounts')).data,
      isObject,
      'sys/mounts',
      'an object of mounts',
    );
    const secrets: SecretMetadata[] = [];
    this.lastMounts = [];
    // any: sys/mounts entries, each field checked before use
    for (const [mountPath, mount] of Object.entries<any>(mounts)) {
      if (mount?.type !== 'kv' || String(mount?.options?.version) !== '2') {
        continue;
      }
      const mountName = mountPath.replace(/\/$/, '');
      if (this.options.mounts && !this.options.mounts.includes(mountName)) {
        continue;
      }
      this.lastMounts.push(mountName);
      const walk = async (prefix: string, depth: number) => {
        if (depth > MAX_DEPTH || secrets.length >= MAX_SECRETS) return;
        // Vault answers a LIST of a folder with nothing in it with a 404
        const listed = await this.get(
          `${mountName}/metadata/${prefix}?list=true`,
        ).catch(error => {
          if (error instanceof VaultError && error.status === 404) {
            return { data: { keys: [] } };
          }
          throw error;
        });
        const keys = shaped(
          listed.data?.keys,
          (v): v is string[] =>
            Array.isArray(v) && v.every(k => typeof k === 'string'),
          `${mountName}/metadata/${prefix}`,
          'a list of keys',
        );
        for (const key of keys) {
          if (secrets.length >= MAX_SECRETS) return;
          if (key.includes('..')) continue;
          if (key.endsWith('/')) {
            await walk(`${prefix}${key}`, depth + 1);
            continue;
          }
          const path = `${prefix}${key}`;
          const meta = shaped(
            (await this.get(`${mountName}/metadata/${path}`)).data,
            // any: a secret's versions, each field checked before use
            (v): v is Record<string, any> =>
              isObject(v) &&
              (v.versions === undefined || isObject(v.versions)) &&
              (v.custom_metadata === undefined ||
                v.custom_metadata === null ||
                isObject(v.custom_metadata)),
            `${mountName}/metadata/${path}`,
            'a secret’s metadata (versions, custom_metadata)',
          );
          const custom = meta?.custom_metadata ?? {};
          const version = meta?.current_version;
          const type = (
            typeof custom.type === 'string' &&
            Object.hasOwn(SECRET_POLICIES, custom.type)
              ? custom.type
              : 'unknown'
          ) as SecretType | 'unknown';
          secrets.push({
            path: `${mountName}/${path}`,
            mount: mountName,
            type,
            declaredType:
              type === 'unknown' && typeof custom.type === 'string'
                ? custom.type.slice(0, 64)
                : undefined,
            service:
              typeof custom.service === 'string' ? custom.service : undefined,
            version: typeof version === 'number' ? version : undefined,
            lastRotated: [
              meta.versions?.[String(version)]?.created_time,
              meta.updated_time,
            ].find((t): t is string => typeof t === 'string' && t !== ''),
            rotationPeriodMs: parsePeriod(custom['rotation-period']),
          });
        }
      };
      await walk(this.options.prefix ?? 'homelab/', 0);
    }
    return secrets;
  }
}
