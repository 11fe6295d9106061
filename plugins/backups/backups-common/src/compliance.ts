import { BackupPolicy } from './policies';
import {
  BackupCompliance,
  BackupRun,
  RestoreRun,
  RetentionStatus,
  RpoStatus,
} from './types';

const SUCCEEDED = ['Completed'];
const PARTIAL = [
  'PartiallyFailed',
  'FinalizingPartiallyFailed',
  'WaitingForPluginOperationsPartiallyFailed',
];
const FAILED = ['Failed', 'FailedValidation'];
const RUNNING = [
  'New',
  'Queued',
  'ReadyToStart',
  'InProgress',
  'WaitingForPluginOperations',
  'Finalizing',
];

/**
 * Velero's phase, read: only Completed is a good backup. An empty, unknown
 * or Deleting phase is "unknown", never good.
 *
 * @public
 */
export function outcomeOfPhase(
  phase: string | undefined | null,
): BackupRun['outcome'] {
  if (!phase) return 'unknown';
  if (SUCCEEDED.includes(phase)) return 'succeeded';
  if (PARTIAL.includes(phase)) return 'partial';
  if (FAILED.includes(phase)) return 'failed';
  if (RUNNING.includes(phase)) return 'running';
  return 'unknown';
}

/** The slack past the RPO before a backup counts as late: 10%, at least 10 minutes. @public */
export function rpoGraceSeconds(rpoSeconds: number): number {
  return Math.max(600, rpoSeconds * 0.1);
}

/**
 * RPO status from the age of the last good backup: ok up to the RPO plus
 * its grace, late up to twice the RPO, breached beyond that or with no good
 * backup at all.
 *
 * @public
 */
export function rpoStatus(
  lastGoodAgeSeconds: number | null,
  rpoSeconds: number,
): RpoStatus {
  if (lastGoodAgeSeconds === null) return 'breached';
  if (lastGoodAgeSeconds <= rpoSeconds + rpoGraceSeconds(rpoSeconds))
    return 'ok';
  if (lastGoodAgeSeconds <= 2 * rpoSeconds) return 'late';
  return 'breached';
}

/**
 * Whether the last good backup is kept as long as the policy asks: its TTL
 * against the retention. "Forever" cannot be met by a TTL.
 *
 * @public
 */
export function retentionStatus(
  policy: BackupPolicy,
  lastGood: BackupRun | null,
): RetentionStatus {
  if (!lastGood || lastGood.ttlSeconds === null) return 'unknown';
  if (policy.retentionSeconds === null) return 'short';
  return lastGood.ttlSeconds >= policy.retentionSeconds ? 'ok' : 'short';
}

function time(value: string | null): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** When a run happened: completion, else start; null timestamps sort last. */
function when(run: {
  completedAt: string | null;
  startedAt?: string | null;
}): number {
  return time(run.completedAt) ?? time(run.startedAt ?? null) ?? -Infinity;
}

const WEEK = 7 * 86400_000;
const DAY = 86400_000;

/**
 * An entity's backup compliance under its policy, from its backup runs and
 * restores at a given time.
 *
 * @public
 */
export function compliance(options: {
  policy: BackupPolicy | null;
  runs: BackupRun[];
  restores: RestoreRun[];
  now: Date;
  nextRunAt?: string | null;
}): BackupCompliance {
  const { policy, runs, restores } = options;
  const now = options.now.getTime();
  const newest = [...runs].sort((a, b) => when(b) - when(a));
  const lastGood =
    newest.find(
      run =>
        run.outcome === 'succeeded' &&
        when(run) !== -Infinity &&
        (time(run.expiresAt) ?? Infinity) > now,
    ) ?? null;
  const lastGoodAgeSeconds = lastGood
    ? Math.max(0, (now - when(lastGood)) / 1000)
    : null;
  const recentFailures = newest
    .filter(
      run =>
        (run.outcome === 'failed' || run.outcome === 'partial') &&
        now - when(run) <= WEEK,
    )
    .slice(0, 10);
  const expiringSoon = newest.filter(run => {
    const expires = time(run.expiresAt);
    return (
      run.outcome === 'succeeded' &&
      expires !== null &&
      expires > now &&
      expires - now <= DAY
    );
  });
  const ids = new Set(runs.map(run => run.id));
  const lastRestore =
    [...restores]
      .filter(r => r.outcome === 'succeeded' && ids.has(r.backupName))
      .sort((a, b) => when(b) - when(a))[0] ?? null;

  const reasons: string[] = [];
  let rpo: RpoStatus = 'unknown';
  let retention: RetentionStatus = 'unknown';
  if (!policy) {
    reasons.push('No backup policy applies');
  } else {
    rpo = rpoStatus(lastGoodAgeSeconds, policy.rpoSeconds);
    retention = retentionStatus(policy, lastGood);
    if (!lastGood) reasons.push('No good backup');
    if (rpo === 'late')
      reasons.push(
        `The last good backup is older than the ${policy.title} RPO`,
      );
    if (rpo === 'breached' && lastGood)
      reasons.push(
        `The last good backup is more than twice the ${policy.title} RPO old`,
      );
    if (retention === 'short')
      reasons.push(
        `Backups are kept for less than the ${policy.title} retention`,
      );
  }
  if (recentFailures.length > 0)
    reasons.push(`${recentFailures.length} failed in the last 7 days`);
  if (lastGood && expiringSoon.includes(lastGood))
    reasons.push('The last good backup expires within a day');
  if (!lastRestore) reasons.push('No restore drill on record');

  return {
    policy: policy?.name ?? null,
    rpo,
    lastGoodAgeSeconds,
    lastGood,
    retention,
    recentFailures,
    expiringSoon,
    lastRestore,
    nextRunAt: options.nextRunAt ?? null,
    reasons,
  };
}
