import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ArgoApplicationReadiness,
  BackupPolicy,
  ClusterReadiness,
  DrillResult,
  EntityRecovery,
  NodeReadiness,
  OffSiteCopy,
  PartialReadiness,
  ProcedureId,
  RECOVERY_PROCEDURES,
  ReadinessStatus,
  RecoveryReadiness,
  SiteReadiness,
  WorkloadReadiness,
  resticSelector,
  rpoStatus,
} from '@homelab-portal/plugin-backups-common';
import { ECOSYSTEM_ANNOTATIONS } from '@homelab-portal/plugin-homelab-common';
import { BackupFacts } from '../services/sources';
import { ClusterObjects } from './ClusterReader';
import {
  nodeCounts,
  podLabelsOf,
  selectorMatches,
  workloadRisks,
} from './workloads';

/** Where the off-site copies are. */
export type OffSiteSettings = {
  /** Velero BackupStorageLocations off the site, by name (also: label homelab-portal.io/off-site=true). */
  veleroLocations: string[];
  /** restic repositories that hold off-site copies (`restic copy`), by name. */
  resticRepositories: Array<{ name: string; copyOf?: string }>;
  /** The longest acceptable age of the newest off-site copy, in seconds. */
  maxAgeSeconds: number;
};

export type ReadinessSettings = {
  runbooks: Record<ProcedureId, string>;
  offSite: OffSiteSettings;
  /** A verified restore older than this is stale, in seconds. */
  drillMaxAgeSeconds: number;
  ignoreNamespaces: string[];
  localStorageClasses: string[];
  policies: BackupPolicy[];
};

/** Everything readiness is computed from, read once. */
export type ReadinessInputs = {
  argocd:
    | { state: 'absent' }
    | { state: 'failed'; error: string }
    | { state: 'ok'; applications: ArgoApplicationReadiness[] };
  clusters:
    | { state: 'absent' }
    | { state: 'ok'; objects: ClusterObjects[]; errors: string[] };
  facts: BackupFacts;
  source: 'live' | 'demo';
  drills: DrillResult[];
  entities: Entity[];
  warnings: string[];
};

export const OFF_SITE_LABEL = 'homelab-portal.io/off-site';

/** "3 h", "2 days": an age in a unit a person reads at once. */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

/** "4 min 12 s": a measured recovery time, to the second. */
export function recoveryTime(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

function procedure<I extends ProcedureId>(id: I) {
  const p = RECOVERY_PROCEDURES.find(x => x.id === id)!;
  return { id, title: p.title as string, how: p.how as string };
}

const RPO_READINESS: Record<string, ReadinessStatus> = {
  ok: 'ready',
  late: 'at-risk',
  breached: 'not-ready',
};

function worst(statuses: ReadinessStatus[]): ReadinessStatus {
  for (const s of ['not-ready', 'at-risk', 'unknown', 'ready'] as const) {
    if (statuses.includes(s)) return s;
  }
  return 'unknown';
}

function time(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** Which entity a workload belongs to: its namespace and kubernetes-id or label selector. */
function entityOfWorkload(
  entities: Entity[],
  labels: Record<string, string>,
  namespace: string,
): string | undefined {
  const match = entities.find(entity => {
    const a = entity.metadata.annotations ?? {};
    const ns = a[ECOSYSTEM_ANNOTATIONS.kubernetesNamespace];
    if (ns && ns !== namespace) return false;
    const id = a[ECOSYSTEM_ANNOTATIONS.kubernetesId];
    if (id && labels['backstage.io/kubernetes-id'] === id) return true;
    const selector = a[ECOSYSTEM_ANNOTATIONS.kubernetesLabelSelector];
    if (selector) {
      const matchLabels: Record<string, string> = {};
      for (const part of selector.split(',')) {
        const m = part.trim().match(/^([^=!\s]+)\s*==?\s*(\S*)$/);
        if (!m) return false;
        matchLabels[m[1]] = m[2];
      }
      return selectorMatches({ matchLabels }, labels);
    }
    return false;
  });
  return match ? stringifyEntityRef(match) : undefined;
}

function partial(
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
): PartialReadiness {
  const base = {
    ...procedure('partial'),
    runbookUrl: settings.runbooks.partial,
  };
  if (inputs.argocd.state === 'absent') {
    return {
      ...base,
      status: 'unknown',
      summary: 'ArgoCD is not configured',
      reasons: [
        'Set backups.argocd.baseUrl and backups.argocd.token (a read-only ArgoCD token) to see which applications heal themselves.',
      ],
      applications: [],
    };
  }
  if (inputs.argocd.state === 'failed') {
    return {
      ...base,
      status: 'unknown',
      summary: 'ArgoCD cannot be read',
      reasons: [inputs.argocd.error],
      applications: [],
    };
  }
  const byApp = new Map<string, string>();
  for (const entity of inputs.entities) {
    const app =
      entity.metadata.annotations?.[ECOSYSTEM_ANNOTATIONS.argocdAppName];
    if (app && !byApp.has(app)) byApp.set(app, stringifyEntityRef(entity));
  }
  const applications = inputs.argocd.applications
    .map(app => ({ ...app, entityRef: byApp.get(app.name) }))
    .sort(
      (a, b) =>
        Number(a.selfHeal) - Number(b.selfHeal) || a.name.localeCompare(b.name),
    );
  const healing = applications.filter(a => a.selfHeal).length;
  const reasons = applications
    .filter(a => !a.selfHeal)
    .map(a =>
      a.automated
        ? `${a.name} syncs from Git by itself but does not undo changes made in the cluster (selfHeal is off)`
        : `${a.name} is synced by hand only (no automated sync policy)`,
    );
  if (applications.length === 0) {
    return {
      ...base,
      status: 'unknown',
      summary: 'ArgoCD has no applications',
      reasons: ['ArgoCD deploys nothing yet: nothing heals from Git.'],
      applications,
    };
  }
  return {
    ...base,
    status: partialStatus(healing, applications.length),
    summary: `${healing} of ${applications.length} ArgoCD applications heal themselves from Git`,
    reasons,
    applications,
  };
}

function node(
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
): NodeReadiness {
  const base = { ...procedure('node'), runbookUrl: settings.runbooks.node };
  if (inputs.clusters.state === 'absent') {
    return {
      ...base,
      status: 'unknown',
      summary: 'No cluster is configured',
      reasons: [
        'Add the homelab cluster under kubernetes.clusterLocatorMethods (as for the Kubernetes plugin) to see which workloads survive losing a node.',
      ],
      clusters: [],
      workloads: [],
    };
  }
  const { objects, errors } = inputs.clusters;
  const clusters = objects.map(nodeCounts);
  const workloads: WorkloadReadiness[] = objects.flatMap(o =>
    workloadRisks(o, settings).map(w => ({
      ...w,
      entityRef: entityOfWorkload(
        inputs.entities,
        podLabelsOf(o, w),
        w.namespace,
      ),
    })),
  );
  workloads.sort(
    (a, b) =>
      b.risks.length - a.risks.length ||
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name),
  );
  const reasons: string[] = [...errors];
  for (const c of clusters) {
    if (c.readyNodes < 2) {
      reasons.push(
        `${c.cluster} has ${c.readyNodes} Ready, schedulable node${
          c.readyNodes === 1 ? '' : 's'
        } of ${c.nodes}: losing one leaves ${
          c.readyNodes <= 1 ? 'nowhere' : 'one node'
        } to reschedule onto`,
      );
    }
  }
  const risky = workloads.filter(w => w.risks.length > 0);
  for (const w of risky.filter(x => x.risks.some(r => r !== 'no-pdb'))) {
    reasons.push(`${w.namespace}/${w.name}: ${w.details.join('; ')}`);
  }
  const noPdbOnly = risky.filter(w => w.risks.every(r => r === 'no-pdb'));
  if (noPdbOnly.length > 0) {
    reasons.push(
      `${noPdbOnly.length} workload${
        noPdbOnly.length === 1 ? ' has' : 's have'
      } no PodDisruptionBudget: a node drain may stop all their pods at once`,
    );
  }
  let status: ReadinessStatus = 'ready';
  if (objects.length === 0) status = 'unknown';
  else if (clusters.some(c => c.readyNodes < 2)) status = 'not-ready';
  else if (risky.length > 0) status = 'at-risk';
  if (errors.length > 0 && status === 'ready') status = 'unknown';
  return {
    ...base,
    status,
    summary:
      objects.length === 0
        ? 'No cluster answered'
        : `${risky.length} of ${
            workloads.length
          } workloads would not survive losing one node; ${clusters
            .map(c => `${c.readyNodes} of ${c.nodes} nodes Ready`)
            .join(', ')}`,
    reasons,
    clusters,
    workloads,
  };
}

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

function drillStatus(
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

function clusterProcedure(
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

function isOffSiteLocation(
  bsl: { metadata: { name: string; labels?: Record<string, string> } },
  settings: ReadinessSettings,
) {
  return (
    settings.offSite.veleroLocations.includes(bsl.metadata.name) ||
    bsl.metadata.labels?.[OFF_SITE_LABEL] === 'true'
  );
}

function offSiteCopies(
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

function siteStatus(
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

function site(
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

function partialStatus(healing: number, total: number): ReadinessStatus {
  if (healing === total) return 'ready';
  if (healing === 0) return 'not-ready';
  return 'at-risk';
}

type EntityLine = { status: ReadinessStatus; summary: string };

function entityPartial(
  p: PartialReadiness,
  appName: string | undefined,
): EntityLine {
  if (!appName) {
    return {
      status: 'unknown',
      summary: 'Not deployed by ArgoCD (no argocd/app-name annotation)',
    };
  }
  const app = p.applications.find(x => x.name === appName);
  if (!app) {
    return {
      status: 'unknown',
      summary:
        p.applications.length === 0
          ? p.summary
          : `ArgoCD has no application ${appName}`,
    };
  }
  if (app.selfHeal) {
    return {
      status: 'ready',
      summary: `ArgoCD application ${app.name} heals itself from Git`,
    };
  }
  return {
    status: 'at-risk',
    summary: app.automated
      ? `ArgoCD application ${app.name} syncs by itself, but selfHeal is off: drift stays`
      : `ArgoCD application ${app.name} is synced by hand only`,
  };
}

function entityNode(
  n: NodeReadiness,
  absent: boolean,
  mine: WorkloadReadiness[],
): EntityLine {
  if (absent) return { status: 'unknown', summary: n.summary };
  if (mine.length === 0) {
    return {
      status: 'unknown',
      summary: 'No workload of this entity found in the cluster',
    };
  }
  const risky = mine.filter(w => w.risks.length > 0);
  if (risky.length === 0) {
    return {
      status: 'ready',
      summary: `${mine.length} workload${
        mine.length === 1 ? '' : 's'
      }, each survives losing one node`,
    };
  }
  return {
    status: 'at-risk',
    summary: risky
      .map(w => `${w.kind} ${w.name}: ${w.details.join('; ')}`)
      .join(' | '),
  };
}

function backupLine(ageSeconds: number | null, restic: boolean): string {
  if (ageSeconds !== null) {
    return `Newest Velero backup holding it ${duration(ageSeconds)} ago`;
  }
  return restic
    ? 'Backed up with restic, not Velero'
    : 'No Velero backup holds it';
}

function siteLine(
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
