import {
  BackupRun,
  RestoreRun,
  outcomeOfPhase,
} from '@homelab-portal/plugin-backups-common';
import {
  Cluster,
  KubernetesApi,
  KubernetesError,
} from '@homelab-portal/plugin-homelab-node';

export { KubernetesError };
export type { Cluster };

type KubeObject = {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
  };
  spec?: any;
  status?: any;
};

export type VeleroSchedule = {
  name: string;
  cron: string | null;
  paused: boolean;
  phase: string;
  includedNamespaces: string[];
  excludedNamespaces: string[];
  ttlSeconds: number | null;
  lastBackup: string | null;
};

export type VeleroBackup = BackupRun & {
  includedNamespaces: string[];
  excludedNamespaces: string[];
  /** spec.labelSelector.matchLabels: the backup holds only resources with these labels. */
  matchLabels?: Record<string, string>;
  schedule?: string;
  /** spec.storageLocation: the BackupStorageLocation it was written to. */
  storageLocation?: string;
};

export type VeleroState = {
  cluster: string;
  backups: VeleroBackup[];
  schedules: VeleroSchedule[];
  restores: RestoreRun[];
};

/** Go durations as Velero writes TTLs: `720h0m0s`, `72h`, `90m`. */
export function parseGoDuration(
  text: string | undefined | null,
): number | null {
  if (!text) return null;
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  let matched = '';
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(m[1]) * units[m[2]];
    matched += m[0];
  }
  return matched === text && matched !== '' ? total : null;
}

const MAX_PAGES = 1000;
const PAGE = 500;

/**
 * Lists Velero's Backups, Schedules and Restores through the Kubernetes API,
 * page by page. An expired continue token (410) restarts the list once; too
 * many requests (429) waits as long as Retry-After says (up to 10 s, three
 * times). Objects with missing fields are read, never dropped.
 */
export class VeleroReader {
  private readonly api: KubernetesApi;

  constructor(
    private readonly options: {
      namespace: string;
      timeoutMs: number;
      fetch?: typeof fetch;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {
    this.api = new KubernetesApi(options);
  }

  async read(cluster: Cluster): Promise<VeleroState> {
    const [backups, schedules, restores] = await Promise.all([
      this.list(cluster, 'backups'),
      this.list(cluster, 'schedules'),
      this.list(cluster, 'restores'),
    ]);
    return {
      cluster: cluster.name,
      backups: backups.map(toBackup),
      schedules: schedules.map(toSchedule),
      restores: restores.map(toRestore),
    };
  }

  async list(cluster: Cluster, plural: string): Promise<KubeObject[]> {
    const base = `/apis/velero.io/v1/namespaces/${encodeURIComponent(
      this.options.namespace,
    )}/${plural}`;
    let restarted = false;
    for (;;) {
      const items: KubeObject[] = [];
      let token: string | undefined;
      let expired = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (token) query.set('continue', token);
        const response = await this.api.get(cluster, `${base}?${query}`, [410]);
        if (response.status === 410) {
          expired = true;
          break;
        }
        const body = response.body;
        if (!Array.isArray(body?.items)) {
          throw new KubernetesError(
            `Kubernetes (${cluster.name}) answered ${plural} without items`,
          );
        }
        items.push(...body.items);
        token = body.metadata?.continue || undefined;
        if (!token) return items;
      }
      if (!expired) {
        throw new KubernetesError(
          `Kubernetes (${cluster.name}) kept paging ${plural} past ${MAX_PAGES} pages`,
        );
      }
      if (restarted) {
        throw new KubernetesError(
          `Kubernetes (${cluster.name}): the ${plural} list expired twice (410)`,
          410,
        );
      }
      restarted = true;
    }
  }
}

function toBackup(object: KubeObject): VeleroBackup {
  const phase = object.status?.phase ?? '';
  return {
    tool: 'velero',
    id: object.metadata.name,
    origin: object.metadata.labels?.['velero.io/schedule-name'],
    schedule: object.metadata.labels?.['velero.io/schedule-name'],
    phase,
    outcome: outcomeOfPhase(phase),
    startedAt: object.status?.startTimestamp ?? null,
    completedAt: object.status?.completionTimestamp ?? null,
    expiresAt: object.status?.expiration ?? null,
    ttlSeconds: parseGoDuration(object.spec?.ttl),
    failureReason: object.status?.failureReason || undefined,
    errors: object.status?.errors,
    warnings: object.status?.warnings,
    includedNamespaces: object.spec?.includedNamespaces ?? ['*'],
    excludedNamespaces: object.spec?.excludedNamespaces ?? [],
    matchLabels: object.spec?.labelSelector?.matchLabels,
    storageLocation: object.spec?.storageLocation,
  };
}

function toSchedule(object: KubeObject): VeleroSchedule {
  return {
    name: object.metadata.name,
    cron: object.spec?.schedule ?? null,
    paused: Boolean(object.spec?.paused),
    phase: object.status?.phase ?? '',
    includedNamespaces: object.spec?.template?.includedNamespaces ?? ['*'],
    excludedNamespaces: object.spec?.template?.excludedNamespaces ?? [],
    ttlSeconds: parseGoDuration(object.spec?.template?.ttl),
    lastBackup: object.status?.lastBackup ?? null,
  };
}

function toRestore(object: KubeObject): RestoreRun {
  const phase = object.status?.phase ?? '';
  return {
    id: object.metadata.name,
    backupName: object.spec?.backupName ?? '',
    phase,
    outcome: outcomeOfPhase(phase),
    completedAt: object.status?.completionTimestamp ?? null,
    failureReason: object.status?.failureReason || undefined,
  };
}
