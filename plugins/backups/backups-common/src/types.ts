import { BackupPolicy } from './policies';

/** Where backup facts come from. @public */
export type BackupsSourceKind = 'live' | 'demo';

/** One backup run, from Velero or a restic snapshot, normalized. @public */
export type BackupRun = {
  tool: 'velero' | 'restic';
  /** Velero Backup name, or restic snapshot id. */
  id: string;
  /** Velero: the Schedule that made it; restic: the repository. */
  origin?: string;
  /** Velero's phase as reported (may be empty, new or unknown), restic: Completed. */
  phase: string;
  /** Our reading of the phase. */
  outcome: 'succeeded' | 'partial' | 'failed' | 'running' | 'unknown';
  startedAt: string | null;
  completedAt: string | null;
  /** When Velero will delete it (TTL), if known. */
  expiresAt: string | null;
  /** The TTL it was made with, in seconds, if known. */
  ttlSeconds: number | null;
  failureReason?: string;
  errors?: number;
  warnings?: number;
};

/** A restore, as Velero reports it. @public */
export type RestoreRun = {
  id: string;
  backupName: string;
  phase: string;
  outcome: BackupRun['outcome'];
  completedAt: string | null;
  failureReason?: string;
};

/** @public */
export type RpoStatus = 'ok' | 'late' | 'breached' | 'unknown';

/** @public */
export type RetentionStatus = 'ok' | 'short' | 'unknown';

/** What the backend says about one entity's backups. @public */
export type BackupCompliance = {
  policy: string | null;
  rpo: RpoStatus;
  /** Seconds since the last good backup, or null if there was none. */
  lastGoodAgeSeconds: number | null;
  lastGood: BackupRun | null;
  retention: RetentionStatus;
  recentFailures: BackupRun[];
  expiringSoon: BackupRun[];
  lastRestore: RestoreRun | null;
  /** The next scheduled run (from a Velero Schedule's cron), if known. */
  nextRunAt: string | null;
  reasons: string[];
};

/** What the API says about one entity's backups. @public */
export type EntityBackups = BackupCompliance & {
  entityRef: string;
  source: BackupsSourceKind;
  /** Runs newest first (at most 200), for the history. */
  runs: BackupRun[];
  restores: Array<{
    id: string;
    backupName: string;
    outcome: string;
    completedAt: string | null;
    failureReason?: string;
  }>;
  warnings: string[];
};

/** The whole homelab's backups. @public */
export type BackupsOverview = {
  source: BackupsSourceKind;
  policies: Array<{
    policy: BackupPolicy;
    entities: Array<{
      entityRef: string;
      title?: string;
      rpo: string;
      retention: string;
      lastGoodAt: string | null;
    }>;
  }>;
  unprotected: Array<{ entityRef: string; title?: string }>;
  /** Runs per day (UTC), for the calendar heat map. */
  days: Array<{ date: string; succeeded: number; failed: number }>;
  warnings: string[];
};
