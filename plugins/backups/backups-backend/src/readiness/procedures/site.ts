/** Procedure 4, site failure: the age of the newest off-site copy. */
import {
  OffSiteCopy,
  ReadinessStatus,
  SiteReadiness,
} from '@homelab-portal/plugin-backups-common';
import {
  OFF_SITE_LABEL,
  ReadinessInputs,
  ReadinessSettings,
  duration,
  procedure,
  time,
  worst,
} from './common';

function isOffSiteLocation(
  bsl: { metadata: { name: string; labels?: Record<string, string> } },
  settings: ReadinessSettings,
) {
  return (
    settings.offSite.veleroLocations.includes(bsl.metadata.name) ||
    bsl.metadata.labels?.[OFF_SITE_LABEL] === 'true'
  );
}

export function offSiteCopies(
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
  now: number,
  covers: (backup: { includedNamespaces: string[] }) => boolean = () => true,
  resticFilter?: (snapshot: { tags?: string[] }) => boolean,
): OffSiteCopy[] {
  const copies: OffSiteCopy[] = [];
  const objects = inputs.clusters.state === 'ok' ? inputs.clusters.objects : [];
  for (const o of objects) {
    for (const bsl of o.backupStorageLocations) {
      if (!isOffSiteLocation(bsl, settings)) continue;
      const state = inputs.facts.velero.find(v => v.cluster === o.cluster);
      const newest = (state?.backups ?? [])
        .filter(
          b =>
            b.outcome === 'succeeded' &&
            b.storageLocation === bsl.metadata.name &&
            covers(b),
        )
        .map(b => time(b.completedAt))
        .filter((t): t is number => t !== null)
        .sort((a, b) => b - a)[0];
      const bucket = bsl.spec?.objectStorage?.bucket;
      copies.push({
        kind: 'velero',
        name: bsl.metadata.name,
        where: `${bsl.spec?.provider ?? 'unknown provider'}: ${
          bucket ?? 'no bucket'
        }${
          bsl.spec?.objectStorage?.prefix
            ? `/${bsl.spec.objectStorage.prefix}`
            : ''
        }`,
        phase: bsl.status?.phase,
        lastCopyAt: newest ? new Date(newest).toISOString() : null,
        ageSeconds: newest ? Math.max(0, (now - newest) / 1000) : null,
      });
    }
  }
  for (const repo of settings.offSite.resticRepositories) {
    const state = inputs.facts.restic.find(r => r.repository === repo.name);
    const newest = (state?.snapshots ?? [])
      .filter(s => !resticFilter || resticFilter(s))
      .map(s => time(s.time))
      .filter((t): t is number => t !== null)
      .sort((a, b) => b - a)[0];
    copies.push({
      kind: 'restic',
      name: repo.name,
      where: repo.copyOf
        ? `restic copy of ${repo.copyOf}`
        : 'restic repository',
      lastCopyAt: newest ? new Date(newest).toISOString() : null,
      ageSeconds: newest ? Math.max(0, (now - newest) / 1000) : null,
    });
  }
  return copies;
}

export function siteStatus(
  copies: OffSiteCopy[],
  settings: ReadinessSettings,
): { status: ReadinessStatus; reasons: string[] } {
  const max = settings.offSite.maxAgeSeconds;
  const reasons: string[] = [];
  if (copies.length === 0) {
    return {
      status: 'not-ready',
      reasons: [
        'No off-site copy: label a Velero BackupStorageLocation on S3 off the site homelab-portal.io/off-site=true (or list it in backups.offSite.veleroLocations), or mark a restic repository that receives `restic copy` with offSite: true',
      ],
    };
  }
  const statuses = copies.map(copy => {
    if (copy.phase === 'Unavailable') {
      reasons.push(`Velero location ${copy.name} is Unavailable`);
    }
    if (copy.ageSeconds === null) {
      reasons.push(`${copy.name} holds no copy yet`);
      return 'not-ready' as const;
    }
    if (copy.ageSeconds > 2 * max) {
      reasons.push(
        `The newest copy in ${copy.name} is ${duration(
          copy.ageSeconds,
        )} old, more than twice the ${duration(max)} allowed`,
      );
      return 'not-ready' as const;
    }
    if (copy.ageSeconds > max) {
      reasons.push(
        `The newest copy in ${copy.name} is ${duration(
          copy.ageSeconds,
        )} old (allowed: ${duration(max)})`,
      );
      return 'at-risk' as const;
    }
    return copy.phase === 'Unavailable'
      ? ('at-risk' as const)
      : ('ready' as const);
  });
  // one fresh copy is enough to restore the site from
  let status = worst(statuses);
  if (statuses.includes('ready')) {
    status = reasons.length > 0 ? 'at-risk' : 'ready';
  }
  return { status, reasons };
}

export function site(
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
  now: number,
): SiteReadiness {
  const copies = offSiteCopies(inputs, settings, now);
  const { status, reasons } = siteStatus(copies, settings);
  const newest = copies
    .filter(c => c.ageSeconds !== null)
    .sort((a, b) => a.ageSeconds! - b.ageSeconds!)[0];
  return {
    ...procedure('site'),
    runbookUrl: settings.runbooks.site,
    status,
    summary:
      copies.length === 0
        ? 'No off-site copy is configured'
        : `Newest off-site copy ${
            newest
              ? `${duration(newest.ageSeconds!)} ago (${newest.name})`
              : 'none'
          }; allowed age ${duration(settings.offSite.maxAgeSeconds)}`,
    reasons,
    maxAgeSeconds: settings.offSite.maxAgeSeconds,
    copies,
  };
}

export function siteLine(
  copies: OffSiteCopy[],
  newest: OffSiteCopy | undefined,
  maxAgeSeconds: number,
): string {
  if (copies.length === 0) return 'No off-site copy holds it';
  if (!newest) return 'The off-site locations hold no copy of it yet';
  return `Newest off-site copy holding it ${duration(
    newest.ageSeconds!,
  )} ago (${newest.name}; allowed ${duration(maxAgeSeconds)})`;
}
