/**
 * Procedure 3, cluster failure: the age of the latest cluster-state backup, and
 * the last verified restore with its measured time to recover.
 */
import {
  BackupPolicy,
  ClusterReadiness,
  DrillResult,
  ReadinessStatus,
  rpoStatus,
} from '@homelab-portal/plugin-backups-common';
import { BackupFacts } from '../../services/sources';
import {
  RPO_READINESS,
  ReadinessInputs,
  ReadinessSettings,
  duration,
  procedure,
  recoveryTime,
  time,
  worst,
} from './common';

function clusterPolicy(settings: ReadinessSettings): BackupPolicy {
  return (
    settings.policies.find(p => p.name === 'cluster-state') ?? {
      name: 'cluster-state',
      title: 'Cluster state',
      rpoSeconds: 86400,
      retentionSeconds: 30 * 86400,
      tool: 'velero',
    }
  );
}

/** The newest good Velero backup of the whole cluster (all namespaces). */
function latestClusterBackup(facts: BackupFacts, now: number) {
  let best: ClusterReadiness['latestBackup'] = null;
  for (const state of facts.velero) {
    for (const b of state.backups) {
      if (b.outcome !== 'succeeded' || !b.includedNamespaces.includes('*')) {
        continue;
      }
      const at = time(b.completedAt);
      if (at === null) continue;
      if ((time(b.expiresAt) ?? Infinity) <= now) continue;
      if (!best || at > Date.parse(best.completedAt)) {
        best = {
          cluster: state.cluster,
          name: b.id,
          completedAt: b.completedAt!,
          ageSeconds: Math.max(0, (now - at) / 1000),
        };
      }
    }
  }
  return best;
}

export function drillStatus(
  drills: DrillResult[],
  settings: ReadinessSettings,
  now: number,
) {
  const sorted = [...drills].sort((a, b) =>
    b.startedAt.localeCompare(a.startedAt),
  );
  const lastDrill = sorted.find(d => d.status !== 'running') ?? null;
  const lastVerifiedRestore = sorted.find(d => d.status === 'verified') ?? null;
  const reasons: string[] = [];
  let status: ReadinessStatus = 'ready';
  if (!lastVerifiedRestore) {
    status = 'at-risk';
    reasons.push(
      'No verified restore: start a restore drill (Create, "Restore drill") to prove the backups restore',
    );
  } else {
    const age = (now - Date.parse(lastVerifiedRestore.finishedAt!)) / 1000;
    if (age > settings.drillMaxAgeSeconds) {
      status = 'at-risk';
      reasons.push(
        `The last verified restore is ${duration(
          age,
        )} old (older than ${duration(settings.drillMaxAgeSeconds)})`,
      );
    }
  }
  if (lastDrill && lastDrill.status === 'failed') {
    status = 'at-risk';
    reasons.push(
      `The last drill (${lastDrill.target}) failed: ${
        lastDrill.checks[lastDrill.checks.length - 1] ?? 'no reason given'
      }`,
    );
  }
  return { lastDrill, lastVerifiedRestore, reasons, status };
}

export function clusterProcedure(
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
  now: number,
): ClusterReadiness {
  const policy = clusterPolicy(settings);
  const latestBackup = latestClusterBackup(inputs.facts, now);
  const drills = drillStatus(inputs.drills, settings, now);
  const reasons: string[] = [];
  let status: ReadinessStatus;
  if (!latestBackup) {
    status = 'not-ready';
    reasons.push(
      inputs.facts.velero.length === 0
        ? 'Velero cannot be read: no cluster is configured or none answered'
        : 'No good Velero backup of the whole cluster (all namespaces): there is nothing to restore a new cluster from',
    );
  } else {
    const rpo = rpoStatus(latestBackup.ageSeconds, policy.rpoSeconds);
    status = RPO_READINESS[rpo] ?? 'unknown';
    if (rpo !== 'ok') {
      reasons.push(
        `The latest cluster-state backup is ${duration(
          latestBackup.ageSeconds,
        )} old, past the ${duration(policy.rpoSeconds)} RPO`,
      );
    }
  }
  reasons.push(...drills.reasons);
  const restore = drills.lastVerifiedRestore;
  return {
    ...procedure('cluster'),
    runbookUrl: settings.runbooks.cluster,
    status: worst([status, drills.status]),
    summary: `Latest cluster-state backup ${
      latestBackup ? `${duration(latestBackup.ageSeconds)} ago` : 'none'
    } (RPO ${duration(policy.rpoSeconds)}); last verified restore ${
      restore
        ? `${duration(
            (now - Date.parse(restore.finishedAt!)) / 1000,
          )} ago, recovered in ${recoveryTime(restore.durationSeconds ?? 0)}`
        : 'never'
    }`,
    reasons,
    rpoSeconds: policy.rpoSeconds,
    latestBackup,
    lastVerifiedRestore: restore,
    lastDrill: drills.lastDrill,
  };
}

export function backupLine(ageSeconds: number | null, restic: boolean): string {
  if (ageSeconds !== null) {
    return `Newest Velero backup holding it ${duration(ageSeconds)} ago`;
  }
  return restic
    ? 'Backed up with restic, not Velero'
    : 'No Velero backup holds it';
}
