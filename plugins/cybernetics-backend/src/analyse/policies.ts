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
}

/**
 * The seed's policies: its alert thresholds (node down, disk under 10%, CPU
 * or memory over 85% for 5 minutes, certificate under 14 days, as the rules
 * in deploy/prometheus say), a backup RPO breach, an energy anomaly against a
 * node's own baseline, an idle service that still draws power, and a
 * workload with pods not ready or crash-looping.
 */
export const DEFAULT_POLICIES: Policy[] = [
  {
    id: 'node-down',
    kind: 'alert',
    alertname: 'NodeDown',
    autonomy: 'propose',
    risk: 'medium',
    title: '{{entity.name}} is down',
    diagnosis:
      'Prometheus cannot scrape {{entity.name}} (NodeDown for 1 minute). Its workloads are rescheduled only if the cluster has room.',
    rationale:
      'A node that stays down should prove its services survive the loss: run a pod-kill experiment on the next maintenance window once it is back.',
    action: {
      type: 'chaos-experiment',
      title: 'Verify the services on {{entity.name}} survive losing a pod',
      file: 'platform/chaos/{{entity.name}}-pod-kill.yaml',
      namespace: 'chaos-mesh',
      nodes: ['{{entity.name}}'],
      chaosAction: 'pod-kill',
      duration: '60s',
    },
  },
  {
    id: 'disk-full',
    kind: 'alert',
    alertname: 'DiskFull',
    autonomy: 'propose',
    risk: 'low',
    title: 'Less than 10% disk left on {{entity.name}}',
    diagnosis:
      'A filesystem of {{entity.name}} ({{labels.mountpoint}}) has less than 10% space left; logs are the usual cause on the nodes.',
    rationale:
      'Shortening Loki retention from 7 to 3 days frees the most space with the least risk; nothing else loses data.',
    action: {
      type: 'gitops-change',
      title: 'Shorten Loki retention to 72h',
      file: 'platform/loki/values.yaml',
      set: { 'loki.limits_config.retention_period': '72h' },
    },
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
      'Sustained CPU on one node: observe first; the top consumers on the energy page show who.',
    action: { type: 'none', title: 'Observe' },
  },
  {
    id: 'high-memory',
    kind: 'alert',
    alertname: 'HighMemory',
    autonomy: 'propose',
    risk: 'medium',
    title: 'Memory over 85% for 5 minutes on {{entity.name}}',
    diagnosis:
      '{{entity.name}} has used more than 85% of its memory for 5 minutes.',
    rationale:
      'Capping the largest workload (Ollama) keeps the node out of the OOM killer.',
    action: {
      type: 'gitops-change',
      title: 'Limit Ollama to 12Gi of memory',
      file: 'apps/ollama/values.yaml',
      set: { 'resources.limits.memory': '12Gi' },
    },
  },
  {
    id: 'cert-expiring',
    kind: 'alert',
    alertname: 'CertExpiring',
    autonomy: 'propose',
    risk: 'low',
    title: 'A certificate of {{entity.name}} expires within 14 days',
    diagnosis:
      'The certificate {{labels.certificate}} expires in under 14 days; cert-manager renews at 30 days, so renewal is failing.',
    rationale:
      'Silence it for a day while the renewal is fixed, so that it does not hide other alerts.',
    action: {
      type: 'silence',
      title: 'Silence for 24 hours',
      durationMinutes: 1440,
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
      'The last good backup of {{entity.name}} is older than twice its policy ({{policy}}) allows.',
    rationale:
      'Run its schedule hourly until a good backup lands; the schedule is in Git.',
    action: {
      type: 'gitops-change',
      title: 'Back up {{entity.name}} hourly',
      file: 'platform/velero/schedules/{{entity.name}}.yaml',
      set: { 'spec.schedule': '0 * * * *' },
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
