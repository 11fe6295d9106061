import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityRecovery,
  RecoveryReadiness,
  resticSelector,
} from '@homelab-portal/plugin-backups-common';
import { ECOSYSTEM_ANNOTATIONS } from '@homelab-portal/plugin-homelab-common';
import {
  backupLine,
  clusterProcedure,
  drillStatus,
} from './procedures/cluster';
import {
  ReadinessInputs,
  ReadinessSettings,
  duration,
  recoveryTime,
  time,
} from './procedures/common';
import { entityNode, node } from './procedures/node';
import { entityPartial, partial } from './procedures/partial';
import { offSiteCopies, site, siteLine, siteStatus } from './procedures/site';

export type {
  OffSiteSettings,
  ReadinessInputs,
  ReadinessSettings,
} from './procedures/common';
export { OFF_SITE_LABEL, duration, recoveryTime } from './procedures/common';

/** The homelab's readiness for the seed's four recovery procedures. */
export function computeReadiness(
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
  now: Date,
): RecoveryReadiness {
  const t = now.getTime();
  return {
    source: inputs.source,
    generatedAt: now.toISOString(),
    procedures: [
      partial(inputs, settings),
      node(inputs, settings),
      clusterProcedure(inputs, settings, t),
      site(inputs, settings, t),
    ],
    warnings: inputs.warnings,
  };
}

/** One entity's part in each procedure. */
export function computeEntityRecovery(
  entity: Entity,
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
  now: Date,
): EntityRecovery {
  const t = now.getTime();
  const ref = stringifyEntityRef(entity);
  const a = entity.metadata.annotations ?? {};
  const namespace = a[ECOSYSTEM_ANNOTATIONS.kubernetesNamespace];
  const all = computeReadiness(inputs, settings, now);
  const [p, n] = all.procedures;
  const out: EntityRecovery['procedures'] = [];

  // partial: its ArgoCD application
  const appName = a[ECOSYSTEM_ANNOTATIONS.argocdAppName];
  out.push({
    id: 'partial',
    title: p.title,
    runbookUrl: p.runbookUrl,
    ...entityPartial(p, appName),
  });

  // node: its workloads
  const mine = n.workloads.filter(w => w.entityRef === ref);
  out.push({
    id: 'node',
    title: n.title,
    runbookUrl: n.runbookUrl,
    ...entityNode(n, inputs.clusters.state === 'absent', mine),
  });

  // cluster: the newest good backup that holds its namespace, and its drills
  const covers = (b: {
    includedNamespaces: string[];
    excludedNamespaces?: string[];
  }) =>
    Boolean(namespace) &&
    (b.includedNamespaces.includes('*') ||
      b.includedNamespaces.includes(namespace!)) &&
    !(b.excludedNamespaces ?? []).includes(namespace!);
  const restic = resticSelector(entity);
  const backupTimes = inputs.facts.velero
    .flatMap(v => v.backups)
    .filter(b => b.outcome === 'succeeded' && covers(b))
    .map(b => time(b.completedAt))
    .filter((x): x is number => x !== null);
  const drills = inputs.drills.filter(d => d.entityRef === ref);
  const drill = drillStatus(drills, settings, t);
  const newestBackup = Math.max(-Infinity, ...backupTimes);
  const restore = drill.lastVerifiedRestore;
  out.push({
    id: 'cluster',
    title: all.procedures[2].title,
    runbookUrl: all.procedures[2].runbookUrl,
    status:
      !Number.isFinite(newestBackup) && !restic ? 'not-ready' : drill.status,
    summary: `${backupLine(
      Number.isFinite(newestBackup) ? (t - newestBackup) / 1000 : null,
      Boolean(restic),
    )}; last verified restore ${
      restore
        ? `${duration(
            (t - Date.parse(restore.finishedAt!)) / 1000,
          )} ago, RTO ${recoveryTime(restore.durationSeconds ?? 0)}`
        : 'never'
    }`,
  });

  // site: off-site copies that hold it
  const copies = offSiteCopies(
    inputs,
    settings,
    t,
    covers,
    restic
      ? s => restic.tags.every(tag => (s.tags ?? []).includes(tag))
      : () => false,
  ).filter(
    c =>
      c.kind === 'velero' ||
      (restic &&
        settings.offSite.resticRepositories.some(
          r => r.name === c.name && r.copyOf === restic.repository,
        )),
  );
  const siteVerdict = siteStatus(copies, settings);
  const newest = copies
    .filter(c => c.ageSeconds !== null)
    .sort((x, y) => x.ageSeconds! - y.ageSeconds!)[0];
  out.push({
    id: 'site',
    title: all.procedures[3].title,
    runbookUrl: all.procedures[3].runbookUrl,
    status: siteVerdict.status,
    summary: siteLine(copies, newest, settings.offSite.maxAgeSeconds),
  });

  return {
    entityRef: ref,
    source: inputs.source,
    procedures: out,
    lastVerifiedRestore: restore,
    drills: [...drills]
      .sort((x, y) => y.startedAt.localeCompare(x.startedAt))
      .slice(0, 10),
    warnings: inputs.warnings,
  };
}
