/** The action planner's shared types and helpers. */
import { InputError } from '@backstage/errors';
import {
  Evidence,
  ProposedAction,
} from '@homelab-portal/plugin-cybernetics-common';
import { createTwoFilesPatch } from 'diff';
import { Document } from 'yaml';
import { fill, PolicyFinding } from '../../analyse/PolicyEngine';
import { Consumer, EvidenceSource, Resource } from '../../sense/EvidenceReader';
/** A proposed action with the evidence gathered to choose it. */
export type Plan = { action: ProposedAction; evidence: Evidence[] };

export const GiB = 1024 ** 3;
export const bytes = (n: number) =>
  n >= GiB
    ? `${(n / GiB).toFixed(1)} GiB`
    : `${(n / 1024 ** 2).toFixed(0)} MiB`;
export const amount = (resource: Resource, n: number) =>
  resource === 'cpu' ? `${n.toFixed(2)} cores` : bytes(n);
export const consumerName = (c: Consumer) =>
  `${c.kind === 'volume' ? 'volume ' : ''}${c.namespace}/${c.name}${
    c.service ? ` (${c.service.name})` : ''
  }`;

/** cert-manager's default spec.duration when a Certificate sets none: 90 days. */
export const HOUR = 3_600_000;

/** Values files and manifests are small; a decision keeps the file's before and after. */
export const MAX_FILE_BYTES = 256 * 1024;

export const SAFE_PATH =
  /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._/-]{1,300}$/;

/** A file path in the GitOps repository from a template, refusing traversal. */
export function safeRepoPath(
  template: string,
  vars: Record<string, string>,
): string {
  const file = fill(template, vars);
  if (!SAFE_PATH.test(file) || file.includes('{{')) {
    throw new InputError(
      `"${file}" is not a safe path in the GitOps repository`,
    );
  }
  return file;
}

export function fillDeep(
  value: unknown,
  vars: Record<string, string>,
): unknown {
  if (typeof value === 'string') return fill(value, vars);
  if (Array.isArray(value)) return value.map(v => fillDeep(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fillDeep(v, vars)]),
    );
  }
  return value;
}

export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Labels Kubernetes puts on nodes, not pods: selecting pods by them selects none. */
export const NODE_LABELS = [
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
];

export const newFileDiff = (file: string, content: string) =>
  createTwoFilesPatch('/dev/null', `b/${file}`, '', content);

/** What the planner needs from outside: the GitOps repository, the catalog, evidence, paging. */
export type PlannerDeps = {
  /** The current content of a file in the GitOps repository, or null if it has none. */
  readRepoFile(file: string): Promise<string | null>;
  /** A catalog entity's spec.definition (for Kratix Promises). */
  promiseDefinition(entityRef: string): Promise<string | undefined>;
  /**
   * The namespaces the catalog's services run in (their
   * backstage.io/kubernetes-namespace): where a chaos experiment selects
   * pods when its policy names none.
   */
  workloadNamespaces?(): Promise<string[]>;
  /** Prometheus, ArgoCD and the catalog's workloads, for evidence. */
  evidence?: EvidenceSource;
  /**
   * Who is paged about an entity (its owner) and who next (by default
   * the owner group's parent group).
   */
  pagingTargets?(
    entityRef: string,
  ): Promise<{ recipients: string[]; escalateTo: string[] }>;
  /** Minutes before an unacknowledged page escalates (default 15). */
  escalateAfterMinutes?: number;
};

/**
 * What each action's planner (plans/*.ts) uses: the deps, and the planner's
 * shared steps (reading YAML from the repository, writing a GitOps change,
 * the finding's node, the top consumers).
 */
export interface PlanContext {
  readonly deps: PlannerDeps;
  readYaml(file: string): Promise<{ before: string | null; doc: Document }>;
  gitopsChange(
    title: string,
    file: string,
    sets: Array<[string, unknown]>,
    validate?: (after: unknown) => void,
  ): Promise<ProposedAction>;
  nodeOf(finding: PolicyFinding): string;
  consumers(
    resource: Resource,
    where: { node: string; device?: string },
  ): Promise<{ consumers: Consumer[]; evidence: Evidence[] }>;
}
