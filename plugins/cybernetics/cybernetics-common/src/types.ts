import type { DecisionExecutability } from './executable';

/** Where a signal came from: a live upstream, or another plugin's labelled demo. */
export type SignalSource = 'live' | 'demo';

/** What the loop senses, read through the other plugins' HTTP APIs. */
export type Signal =
  | {
      kind: 'alert';
      source: SignalSource;
      entityRef: string;
      /** The Alertmanager that reports it (silences go there). */
      alertmanager: string;
      alertname: string;
      severity: string;
      fingerprint: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
      startsAt: string;
      /** True while silenced or inhibited: someone already handles it. */
      suppressed: boolean;
    }
  | {
      kind: 'backup';
      source: SignalSource;
      entityRef: string;
      policy: string;
      rpo: string;
      lastGoodAt: string | null;
    }
  | {
      kind: 'workload';
      source: SignalSource;
      entityRef: string;
      cluster: string;
      pods: number;
      readyPods: number;
      /** Containers waiting in CrashLoopBackOff. */
      crashLooping: number;
      restarts: number;
      /** Deployments and StatefulSets: replicas wanted and available. */
      desiredReplicas: number;
      availableReplicas: number;
    }
  | {
      kind: 'power';
      source: SignalSource;
      entityRef: string;
      /** Mean power over the recent window (W). */
      recentW: number | null;
      /** The entity's own baseline over the long window (W), from hourly means. */
      baselineMeanW: number | null;
      baselineStdW: number | null;
      baselineSamples: number;
      /** Relative spread of the recent samples, (max - min) / mean. */
      recentSpread: number | null;
      /** The entity's kind of thing: hardware or a workload. */
      role: 'node' | 'service';
    };

/** How far a policy may go on its own. */
export type Autonomy = 'observe' | 'propose' | 'act';

export type Risk = 'low' | 'medium' | 'high';

/** What a decision proposes, typed. */
export type ProposedAction =
  | {
      type: 'gitops-change';
      title: string;
      /** The file in the GitOps repository, and its new content. */
      file: string;
      before: string | null;
      after: string;
      /** Unified diff of before -> after. */
      diff: string;
    }
  | {
      type: 'kratix-request';
      title: string;
      file: string;
      manifest: string;
      diff: string;
    }
  | {
      type: 'chaos-experiment';
      title: string;
      file: string;
      manifest: string;
      diff: string;
    }
  | {
      type: 'silence';
      title: string;
      alertmanager: string;
      matchers: Array<{
        name: string;
        value: string;
        isRegex: boolean;
        isEqual: boolean;
      }>;
      durationMinutes: number;
    }
  | {
      /**
       * Page the entity's owner now (a critical notification), and the next
       * group if nobody acknowledges in time. The loop carries it out at
       * once: the runbook's action for a node that is down.
       */
      type: 'page';
      title: string;
      /** Who is paged first: the entity's owner. */
      recipients: string[];
      /** Who is paged if nobody acknowledges within escalateAfterMinutes. */
      escalateTo: string[];
      escalateAfterMinutes: number;
    }
  | {
      /**
       * An investigation for a person, not a change: the evidence (top
       * consumers, recent changes) is the decision's, and these are the
       * questions to answer.
       */
      type: 'investigation';
      title: string;
      questions: string[];
    }
  | { type: 'none'; title: string };

/** Where a page stands: who was paged, who acknowledged, who it escalated to. */
export interface Paging {
  pagedAt: string;
  recipients: string[];
  /** When it escalates if nobody acknowledges. */
  escalateAt: string;
  escalateTo: string[];
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  escalatedAt?: string;
}

/** The runbook a decision follows (a TechDocs page). */
export interface RunbookLink {
  title: string;
  url: string;
}

/** Evidence for a finding: values, the queries behind them, links. */
export interface Evidence {
  label: string;
  value: string;
  /** The API call or PromQL query the value came from. */
  query?: string;
  link?: string;
}

/** A policy's verdict on one entity. Equal fingerprints fold into one decision. */
export interface Finding {
  policy: string;
  fingerprint: string;
  entityRef: string;
  title: string;
  diagnosis: string;
  evidence: Evidence[];
  source: SignalSource;
  /** The runbook the policy follows. */
  runbook?: RunbookLink;
}

/** Every state a decision can be in, in the order of the loop. */
export const DECISION_STATES = [
  'observed',
  'proposed',
  'approved',
  'executing',
  'executed',
  'verified',
  'ineffective',
  'rejected',
  'resolved',
  'failed',
] as const;

export type DecisionState = (typeof DECISION_STATES)[number];

/** States in which a decision is still open (one per fingerprint). */
export const OPEN_DECISION_STATES: DecisionState[] = [
  'observed',
  'proposed',
  'approved',
  'executing',
  'executed',
];

/** One transition, with who made it and when. */
export interface AuditEntry {
  at: string;
  /** A user entity ref, or `cybernetics` for the loop itself. */
  actor: string;
  from: DecisionState | null;
  to: DecisionState;
  note: string;
}

/** A lasting, reviewable decision. */
export interface Decision {
  id: string;
  fingerprint: string;
  policy: string;
  entityRef: string;
  state: DecisionState;
  autonomy: Autonomy;
  title: string;
  diagnosis: string;
  evidence: Evidence[];
  action: ProposedAction;
  risk: Risk;
  rationale: string;
  /** An LLM's advice: text only, never acted on. */
  advisory?: { model: string; text: string };
  source: SignalSource;
  pullRequestUrl?: string;
  /** The runbook this decision follows. */
  runbook?: RunbookLink;
  /** For a page: who was paged, acknowledged, escalated to. */
  paging?: Paging;
  createdAt: string;
  updatedAt: string;
  audit: AuditEntry[];
  /**
   * Whether approving it would carry it out here, as the backend answers it
   * (from its configuration); absent on decisions that were not read from
   * its API.
   */
  executability?: DecisionExecutability;
}

/** Live counts for the loop page. */
export interface LoopStatus {
  lastCycle: {
    at: string;
    durationMs: number;
    signals: number;
    findings: number;
  } | null;
  sense: Record<string, number>;
  analyse: { policies: number; findings: number };
  decide: Record<DecisionState, number>;
  source: SignalSource;
  warnings: string[];
}
