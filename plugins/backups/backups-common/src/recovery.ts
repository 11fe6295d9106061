import { BackupsSourceKind } from './types';

/**
 * The seed's four recovery procedures (homelab-architecture.md, "Recovery
 * Procedures"), in the order the seed lists them.
 *
 * @public
 */
export const RECOVERY_PROCEDURES = [
  {
    id: 'partial',
    title: 'Partial failure',
    how: 'ArgoCD auto-heals from Git',
  },
  {
    id: 'node',
    title: 'Node failure',
    how: 'Kubernetes reschedules pods',
  },
  {
    id: 'cluster',
    title: 'Cluster failure',
    how: 'Velero restore to a new cluster',
  },
  {
    id: 'site',
    title: 'Site failure',
    how: 'Restore from the off-site S3 backup',
  },
] as const;

/** @public */
export type ProcedureId = (typeof RECOVERY_PROCEDURES)[number]['id'];

/**
 * ready: the procedure would work today; at-risk: it would work, but not for
 * everything or not as fast as it should; not-ready: it would not work;
 * unknown: the portal cannot see the source it needs (the reason says which
 * and what to configure).
 *
 * @public
 */
export type ReadinessStatus = 'ready' | 'at-risk' | 'not-ready' | 'unknown';

/** What every procedure says. @public */
export type ProcedureReadiness = {
  id: ProcedureId;
  title: string;
  how: string;
  status: ReadinessStatus;
  /** One line, every number with its unit. */
  summary: string;
  /** Why it is not ready, one line each. */
  reasons: string[];
  /** The runbook in TechDocs. */
  runbookUrl: string;
};

/** One ArgoCD Application and whether it heals itself. @public */
export type ArgoApplicationReadiness = {
  name: string;
  /** syncPolicy.automated is set: ArgoCD applies Git by itself. */
  automated: boolean;
  /** syncPolicy.automated.selfHeal: ArgoCD undoes drift in the cluster. */
  selfHeal: boolean;
  prune: boolean;
  sync?: string;
  health?: string;
  entityRef?: string;
};

/** @public */
export type PartialReadiness = ProcedureReadiness & {
  id: 'partial';
  applications: ArgoApplicationReadiness[];
};

/** Why a workload would not survive the loss of its node. @public */
export type NodeRisk = 'single-replica' | 'local-volume' | 'no-pdb' | 'pinned';

/** @public */
export type WorkloadReadiness = {
  cluster: string;
  namespace: string;
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  replicas: number;
  risks: NodeRisk[];
  /** Plain words for each risk, e.g. "PVC data on a local volume on sff-2". */
  details: string[];
  entityRef?: string;
};

/** @public */
export type NodeReadiness = ProcedureReadiness & {
  id: 'node';
  /** Schedulable, Ready nodes per cluster. */
  clusters: Array<{ cluster: string; nodes: number; readyNodes: number }>;
  workloads: WorkloadReadiness[];
};

/** A restore drill, as the portal followed and recorded it. @public */
export type DrillResult = {
  id: string;
  entityRef: string | null;
  tool: 'velero' | 'restic';
  /** Velero: the Restore's name; restic: the snapshot id. */
  target: string;
  /** Velero: the Backup restored; restic: the repository. */
  source: string;
  /** Velero: the scratch namespace; restic: the scratch path. */
  scratch: string;
  status: 'running' | 'verified' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  /** Measured time to recover (start to verified), in seconds. */
  durationSeconds: number | null;
  /** What was checked, in plain words; or why it failed. */
  checks: string[];
};

/** @public */
export type ClusterReadiness = ProcedureReadiness & {
  id: 'cluster';
  /** The cluster-state policy's RPO, in seconds. */
  rpoSeconds: number;
  latestBackup: {
    cluster: string;
    name: string;
    completedAt: string;
    ageSeconds: number;
  } | null;
  lastVerifiedRestore: DrillResult | null;
  lastDrill: DrillResult | null;
};

/** One off-site copy: a Velero location off the site, or a restic copy. @public */
export type OffSiteCopy = {
  kind: 'velero' | 'restic';
  /** The BackupStorageLocation's name, or the restic repository's. */
  name: string;
  /** Where: the bucket or the repository (no credentials). */
  where: string;
  /** Velero: the location's phase (Available, Unavailable). */
  phase?: string;
  /** The newest copy there. */
  lastCopyAt: string | null;
  ageSeconds: number | null;
};

/** @public */
export type SiteReadiness = ProcedureReadiness & {
  id: 'site';
  /** The longest acceptable age of the newest off-site copy, in seconds. */
  maxAgeSeconds: number;
  copies: OffSiteCopy[];
};

/** The homelab's readiness for each procedure. @public */
export type RecoveryReadiness = {
  source: BackupsSourceKind;
  generatedAt: string;
  procedures: [
    PartialReadiness,
    NodeReadiness,
    ClusterReadiness,
    SiteReadiness,
  ];
  warnings: string[];
};

/** One entity's part in each procedure. @public */
export type EntityRecovery = {
  entityRef: string;
  source: BackupsSourceKind;
  procedures: Array<{
    id: ProcedureId;
    title: string;
    status: ReadinessStatus;
    summary: string;
    runbookUrl: string;
  }>;
  lastVerifiedRestore: DrillResult | null;
  drills: DrillResult[];
  warnings: string[];
};

/** Label on a Velero Restore (or restic drill request) that makes it a drill. @public */
export const DRILL_LABEL = 'homelab-portal.io/restore-drill';

/** Annotation naming the entity a drill is for. @public */
export const DRILL_ENTITY_ANNOTATION = 'homelab-portal.io/entity';
