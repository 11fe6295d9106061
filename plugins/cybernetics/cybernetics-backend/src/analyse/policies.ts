import { Config } from '@backstage/config';
import { Autonomy, Risk } from '@homelab-portal/plugin-cybernetics-common';

/** What a policy proposes when it finds something; `{{...}}` fills from the finding. */
export type ActionTemplate =
  | {
      type: 'gitops-change';
      title: string;
      /** A file in the GitOps repository, e.g. `apps/{{entity.name}}/values.yaml`. */
      file: string;
      /** Dotted YAML paths and the values to set there. */
      set: Record<string, unknown>;
    }
  | {
      type: 'kratix-request';
      title: string;
      file: string;
      /** The Promise's API entity. */
      promiseEntityRef: string;
      name: string;
      namespace?: string;
      spec: Record<string, unknown>;
    }
  | {
      type: 'chaos-experiment';
      title: string;
      file: string;
      /** Where the experiment object lives (e.g. chaos-mesh). */
      namespace: string;
      /**
       * The namespaces whose pods it may select; without it, every namespace
       * a catalog service runs in (its backstage.io/kubernetes-namespace).
       */
      namespaces?: string[];
      /** Pods with these labels, e.g. `backstage.io/kubernetes-id`. Pod labels, never node labels. */
      labels?: Record<string, string>;
      /** Pods scheduled on these nodes. */
      nodes?: string[];
      chaosAction: 'pod-kill' | 'pod-failure' | 'container-kill';
      duration: string;
    }
  | { type: 'silence'; title: string; durationMinutes: number }
  | {
      /**
       * Page the entity's owner with a critical notification; if nobody
       * acknowledges within `cybernetics.paging.escalateAfterMinutes`, page
       * `escalateTo` (default: the owner group's parent group).
       */
      type: 'page';
      title: string;
      escalateTo?: string[];
    }
  | {
      /**
       * Open an investigation with the node's top consumers of `resource`
       * (from Prometheus) and the recent ArgoCD deployments of their
       * services as evidence. Never a change.
       */
      type: 'investigation';
      title: string;
      resource: 'cpu' | 'memory';
    }
  | {
      /**
       * Free space on the alert's volume, chosen from evidence: the biggest
       * consumers of that device on that node (from Prometheus). A
       * consumer with a known cleanup in `cleanups` (by catalog service
       * name) gets it; a container's logs and scratch files get an
       * ephemeral-storage limit (the kubelet evicts the pod and frees
       * them); anything else is reported, not changed.
       */
      type: 'cleanup';
      title: string;
      cleanups?: Record<
        string,
        { title: string; file: string; set: Record<string, unknown> }
      >;
    }
  | {
      /**
       * Renew a cert-manager Certificate through Git: its manifest at
       * `file` gets a spec.duration one hour shorter, which no longer
       * matches its latest CertificateRequest, so cert-manager re-issues
       * at once (even while it backs off after failures), as `cmctl
       * renew` would.
       */
      type: 'cert-renewal';
      title: string;
      file: string;
    }
  | {
      /**
       * A Velero Schedule at `file` runs on `schedule`: the existing one
       * edited, or, when the file is missing, a complete one for the
       * entity's namespace. Checked against Velero's Schedule CRD.
       */
      type: 'velero-schedule';
      title: string;
      file: string;
      schedule: string;
      /** Velero's BackupStorageLocation for a new Schedule (default nas). */
      storageLocation?: string;
      /** Backup retention for a new Schedule (default 72h0m0s). */
      ttl?: string;
    }
  | { type: 'none'; title: string };

export type PolicyKind =
  | 'alert'
  | 'backup-rpo'
  | 'energy-anomaly'
  | 'idle-power'
  | 'workload-degraded';

/** A declarative policy: which signals make a finding, and what to propose. */
export interface Policy {
  id: string;
  kind: PolicyKind;
  autonomy: Autonomy;
  risk: Risk;
  /** alert: the alert name (and optionally severity) to match. */
  alertname?: string;
  severity?: string;
  /** backup-rpo: the compliance states that count (default breached). */
  rpo?: string[];
  /** energy-anomaly: how many standard deviations above the baseline (default 3). */
  sigma?: number;
  /** energy-anomaly / idle-power: ignore entities drawing less (W). */
  minWatts?: number;
  /** energy-anomaly: baseline samples needed (default 24). */
  minSamples?: number;
  /** idle-power: the most the last hour may vary, relative to its mean (default 0.05). */
  maxSpread?: number;
  /** Which entities: `node`, `service` or both (energy policies). */
  role?: 'node' | 'service';
  title: string;
  diagnosis: string;
  rationale: string;
  action: ActionTemplate;
  /** The runbook this policy follows: a TechDocs page of the runbooks site. */
  runbook?: { title: string; url: string };
}

const RUNBOOKS = '/docs/default/component/runbooks';

/**
 * The seed's policies: its alert thresholds (node down, disk under 10%, CPU
 * or memory over 85% for 5 minutes, certificate under 14 days, as the rules
 * in deploy/prometheus say) with the seed's action for each (page on-call,
 * immediate cleanup, investigation, investigation, renew the certificate), a
 * backup RPO breach, an energy anomaly against a node's own baseline, an idle
 * service that still draws power, and a workload with pods not ready or
 * crash-looping.
 *
 * None requests a Kratix resource: the homelab's Promises (PostgreSQL,
 * Redis, buckets, Keycloak clients, exposed services) each add a workload,
 * and none adds node capacity (disk, CPU or memory), so a shortfall would
 * only grow. The kratix-request action stays for configured policies.
 */
export const DEFAULT_POLICIES: Policy[] = [
  {
    id: 'node-down',
    kind: 'alert',
    alertname: 'NodeDown',
    autonomy: 'act',
    risk: 'low',
    title: '{{entity.name}} is down',
    diagnosis:
      'Prometheus cannot scrape {{entity.name}} (NodeDown for 1 minute). Its workloads are rescheduled only if the cluster has room.',
    rationale:
      'The runbook pages on-call for a node that is down: its owner is paged at once, and the next group if nobody acknowledges in time.',
    action: { type: 'page', title: 'Page the owner of {{entity.name}}' },
    runbook: { title: 'NodeDown', url: `${RUNBOOKS}/alerts/node-down/` },
  },
  {
    id: 'disk-full',
    kind: 'alert',
    alertname: 'DiskFull',
    autonomy: 'propose',
    risk: 'low',
    title: 'Less than 10% disk left on {{entity.name}}',
    diagnosis:
      'A filesystem of {{entity.name}} ({{labels.mountpoint}}) has less than 10% space left.',
    rationale:
      'The runbook asks for an immediate cleanup: the cleanup is chosen from what fills that volume, as Prometheus measures it, never a fixed service.',
    action: {
      type: 'cleanup',
      title: 'Free space on {{labels.mountpoint}} of {{entity.name}}',
      cleanups: {
        loki: {
          title: 'Shorten Loki retention to 72h',
          file: 'platform/loki/values.yaml',
          set: { 'loki.limits_config.retention_period': '72h' },
        },
        prometheus: {
          title: 'Keep 7 days of metrics in Prometheus',
          file: 'platform/prometheus/values.yaml',
          set: { 'prometheus.prometheusSpec.retention': '7d' },
        },
      },
    },
    runbook: { title: 'DiskFull', url: `${RUNBOOKS}/alerts/disk-full/` },
  },
  {
    id: 'high-cpu',
    kind: 'alert',
    alertname: 'HighCPU',
    autonomy: 'observe',
    risk: 'medium',
    title: 'CPU over 85% for 5 minutes on {{entity.name}}',
    diagnosis: '{{entity.name}} has been above 85% CPU for 5 minutes.',
    rationale:
      'The runbook asks for an investigation: who uses the CPU, and what changed lately. Nothing is changed until a person knows the cause.',
    action: {
      type: 'investigation',
      title: 'Investigate CPU on {{entity.name}}',
      resource: 'cpu',
    },
    runbook: { title: 'HighCPU', url: `${RUNBOOKS}/alerts/high-cpu/` },
  },
  {
    id: 'high-memory',
    kind: 'alert',
    alertname: 'HighMemory',
    autonomy: 'observe',
    risk: 'medium',
    title: 'Memory over 85% for 5 minutes on {{entity.name}}',
    diagnosis:
      '{{entity.name}} has used more than 85% of its memory for 5 minutes.',
    rationale:
      'The runbook asks for an investigation: who uses the memory, and what changed lately. Nothing is changed until a person knows the cause.',
    action: {
      type: 'investigation',
      title: 'Investigate memory on {{entity.name}}',
      resource: 'memory',
    },
    runbook: { title: 'HighMemory', url: `${RUNBOOKS}/alerts/high-memory/` },
  },
  {
    id: 'cert-expiring',
    kind: 'alert',
    alertname: 'CertExpiring',
    autonomy: 'propose',
    risk: 'low',
    title: 'A certificate of {{entity.name}} expires within 14 days',
    diagnosis:
      'The certificate {{labels.namespace}}/{{labels.name}} expires in under 14 days; cert-manager renews at 30 days, so renewal is failing or late.',
    rationale:
      'The runbook renews the certificate with cert-manager. A Certificate whose spec no longer matches its latest CertificateRequest is re-issued at once, even while cert-manager backs off after failures: the change does that through Git, as cmctl renew would by hand.',
    action: {
      type: 'cert-renewal',
      title: 'Renew {{labels.namespace}}/{{labels.name}} with cert-manager',
      file: 'platform/certificates/{{labels.namespace}}/{{labels.name}}.yaml',
    },
    runbook: {
      title: 'CertExpiring',
      url: `${RUNBOOKS}/alerts/cert-expiring/`,
    },
  },
  {
    id: 'backup-rpo',
    kind: 'backup-rpo',
    rpo: ['breached'],
    autonomy: 'propose',
    risk: 'low',
    title: 'Backups of {{entity.name}} breach their RPO',
    diagnosis:
      'The last good backup of {{entity.name}} is older than twice its policy ({{backup.policy}}) allows.',
    rationale:
      'Run its schedule hourly until a good backup lands; the schedule is in Git (created there if it is missing).',
    action: {
      type: 'velero-schedule',
      title: 'Back up {{entity.name}} hourly',
      file: 'platform/velero/schedules/{{entity.name}}.yaml',
      schedule: '0 * * * *',
    },
    runbook: {
      title: 'Cluster failure: Velero restore',
      url: `${RUNBOOKS}/recovery/cluster-failure/`,
    },
  },
  {
    id: 'energy-anomaly',
    kind: 'energy-anomaly',
    role: 'node',
    sigma: 3,
    minWatts: 5,
    minSamples: 24,
    autonomy: 'observe',
    risk: 'low',
    title: '{{entity.name}} draws far more power than usual',
    diagnosis:
      '{{entity.name}} drew {{recentW}} W over the last hour against {{baselineMeanW}} W ± {{baselineStdW}} W before.',
    rationale: 'An anomaly to look at, not to act on blindly.',
    action: { type: 'none', title: 'Investigate' },
  },
  {
    id: 'workload-degraded',
    kind: 'workload-degraded',
    autonomy: 'observe',
    risk: 'medium',
    title: '{{entity.name}} is degraded in {{cluster}}',
    diagnosis:
      '{{entity.name}} has {{readyPods}} of {{pods}} pods ready and {{availableReplicas}} of {{desiredReplicas}} replicas available; {{crashLooping}} containers are crash-looping ({{restarts}} restarts).',
    rationale:
      'The Kubernetes tab shows the failing pods and their logs; nothing in Git will fix a crash loop blindly.',
    action: { type: 'none', title: 'Look at the pods' },
  },
  {
    id: 'idle-power',
    kind: 'idle-power',
    role: 'service',
    minWatts: 2,
    maxSpread: 0.05,
    autonomy: 'propose',
    risk: 'medium',
    title: '{{entity.name}} is idle but draws power',
    diagnosis:
      '{{entity.name}} drew a flat {{recentW}} W over the last hour: it serves nothing, but costs power.',
    rationale: 'Scale it to zero; scaling back up is one revert.',
    action: {
      type: 'gitops-change',
      title: 'Scale {{entity.name}} to zero',
      file: 'apps/{{entity.name}}/values.yaml',
      set: { replicaCount: 0 },
    },
  },
];

/** The policies: `cybernetics.policies` replaces the defaults where given. */
export function readPolicies(config: Config | undefined): Policy[] {
  const configured = config?.getOptional<Policy[]>('policies');
  if (!configured) return DEFAULT_POLICIES;
  const ids = new Set<string>();
  for (const policy of configured) {
    if (ids.has(policy.id)) {
      throw new Error(`cybernetics.policies: duplicate id ${policy.id}`);
    }
    ids.add(policy.id);
  }
  return configured;
}
