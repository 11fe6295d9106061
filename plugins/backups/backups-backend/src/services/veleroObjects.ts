/**
 * Velero's objects as the backups plugin reads them: Backups, Schedules and
 * Restores from the API server's answers, and Go durations (TTLs).
 */
import {
  BackupRun,
  RestoreRun,
  outcomeOfPhase,
} from '@homelab-portal/plugin-backups-common';

export type KubeObject = {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
    resourceVersion?: string;
  };
  // Velero's CRDs, as the API server answers: read field by field, each
  // with a default, so that an object with missing fields is read, not dropped
  // any: Velero objects of several kinds (checked against their CRDs), read with optional chaining
  spec?: any;
  // any: as spec
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

const durations = new Map<string, number | null>();

/**
 * Go durations as Velero writes TTLs: `720h0m0s`, `72h`, `90m`. A cluster
 * has a handful of distinct TTLs over thousands of backups: each is read once.
 */
export function parseGoDuration(
  text: string | undefined | null,
): number | null {
  if (!text) return null;
  let seconds = durations.get(text);
  if (seconds === undefined) {
    seconds = readGoDuration(text);
    if (durations.size > 1000) durations.clear();
    durations.set(text, seconds);
  }
  return seconds;
}

function readGoDuration(text: string): number | null {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  let matched = '';
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(m[1]) * units[m[2]];
    matched += m[0];
  }
  return matched === text && matched !== '' ? total : null;
}

export function toBackup(object: KubeObject): VeleroBackup {
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

export function toSchedule(object: KubeObject): VeleroSchedule {
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

export function toRestore(object: KubeObject): RestoreRun {
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
