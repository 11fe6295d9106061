/**
 * What every recovery procedure is computed from, and the helpers they share.
 */
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ArgoApplicationReadiness,
  BackupPolicy,
  DrillResult,
  ProcedureId,
  RECOVERY_PROCEDURES,
  ReadinessStatus,
} from '@homelab-portal/plugin-backups-common';
import { ECOSYSTEM_ANNOTATIONS } from '@homelab-portal/plugin-homelab-common';
import { BackupFacts } from '../../services/sources';
import { ClusterObjects } from '../ClusterReader';
import { selectorMatches } from '../workloads';

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

export function procedure<I extends ProcedureId>(id: I) {
  const p = RECOVERY_PROCEDURES.find(x => x.id === id)!;
  return { id, title: p.title as string, how: p.how as string };
}

export const RPO_READINESS: Record<string, ReadinessStatus> = {
  ok: 'ready',
  late: 'at-risk',
  breached: 'not-ready',
};

export function worst(statuses: ReadinessStatus[]): ReadinessStatus {
  for (const s of ['not-ready', 'at-risk', 'unknown', 'ready'] as const) {
    if (statuses.includes(s)) return s;
  }
  return 'unknown';
}

export function time(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** Which entity a workload belongs to: its namespace and kubernetes-id or label selector. */
export function entityOfWorkload(
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

export type EntityLine = { status: ReadinessStatus; summary: string };
