import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SECRET_POLICIES,
  SecretRow,
  SecretsReport,
  secretStatuses,
} from '@homelab-portal/plugin-homelab-common';
import { VaultMetadataReader } from '@homelab-portal/plugin-homelab-node';

const DAY = 86_400_000;

/**
 * The secrets inventory: each secret's mount, path, service, version and
 * last rotation, from Vault's metadata (VaultMetadataReader never reads a
 * value), with the seed's rotation policy for its type and whether it is
 * overdue. A secret whose type has no policy is a finding too.
 */
export class SecretsService {
  constructor(
    private readonly deps: {
      reader: VaultMetadataReader;
      source: SecretsReport['source'];
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async report(): Promise<SecretsReport> {
    const inventory = await this.deps.reader.inventory();
    // the time of the reading: ages are as of when Vault answered
    const now = this.deps.now?.() ?? new Date();
    const statuses = secretStatuses(inventory, now);
    const secrets: SecretRow[] = statuses
      .map(status => {
        const policy =
          status.type === 'unknown' ? undefined : SECRET_POLICIES[status.type];
        const written = status.lastRotated
          ? Date.parse(status.lastRotated)
          : Number.NaN;
        return {
          ...status,
          storage: policy?.storage,
          access: policy?.access,
          ageDays: Number.isNaN(written)
            ? undefined
            : Math.max(0, Math.floor((now.getTime() - written) / DAY)),
        };
      })
      .sort(
        (a, b) =>
          (a.service ?? '~').localeCompare(b.service ?? '~', 'en-US') ||
          a.path.localeCompare(b.path, 'en-US'),
      );
    const overdue = secrets.filter(s => s.overdue).length;
    const noPolicy = secrets.filter(s => s.type === 'unknown').length;
    // counts only: never a path's contents, never a value
    this.deps.logger.debug(
      `Secrets inventory: ${secrets.length} secrets, ${overdue} overdue, ${noPolicy} with no policy`,
    );
    return {
      source: this.deps.source,
      at: now.toISOString(),
      mounts: this.deps.reader.lastMounts,
      secrets,
      overdue,
      noPolicy,
    };
  }
}
