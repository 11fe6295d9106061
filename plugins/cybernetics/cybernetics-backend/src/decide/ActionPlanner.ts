import { InputError, NotFoundError } from '@backstage/errors';
import {
  Evidence,
  ProposedAction,
} from '@homelab-portal/plugin-cybernetics-common';
import {
  buildResourceRequest,
  parsePromiseYaml,
} from '@homelab-portal/plugin-kratix-common';
import { createTwoFilesPatch } from 'diff';
import { Document, isMap, parseDocument, stringify } from 'yaml';
import { fill, PolicyFinding } from '../analyse/PolicyEngine';
import { ActionTemplate } from '../analyse/policies';
import { Consumer, Resource } from '../sense/EvidenceReader';
import { planCertRenewal } from './plans/certRenewal';
import { planCleanup } from './plans/cleanup';
import { planInvestigation } from './plans/investigation';
import { planPage } from './plans/page';
import {
  amount,
  consumerName,
  DNS_1123_LABEL,
  fillDeep,
  MAX_FILE_BYTES,
  newFileDiff,
  NODE_LABELS,
  Plan,
  PlanContext,
  PlannerDeps,
  safeRepoPath,
} from './plans/shared';
import { planVeleroSchedule } from './plans/veleroSchedule';

export type { Plan, PlannerDeps } from './plans/shared';
export { safeRepoPath } from './plans/shared';

/**
 * Turns a policy's action template into a concrete proposed action: for a
 * GitOps change, the file's current content from the repository, the new
 * content (YAML edited in place, comments kept) and the diff; for a Kratix
 * request or a Chaos Mesh experiment, the manifest to add.
 */
export class ActionPlanner implements PlanContext {
  constructor(readonly deps: PlannerDeps) {}

  /** The action a finding's policy proposes. */
  async plan(finding: PolicyFinding): Promise<ProposedAction> {
    return (await this.planWithEvidence(finding)).action;
  }

  /**
   * The action a finding's policy proposes, and the evidence gathered to
   * choose it (top consumers, recent changes). A change that would not be
   * valid against its schema is never proposed: the planner throws, or
   * proposes nothing and says why.
   */
  async planWithEvidence(finding: PolicyFinding): Promise<Plan> {
    const template = finding.policyDef.action;
    const vars = finding.vars;
    const title = fill(template.title, vars);
    switch (template.type) {
      case 'page':
        return {
          action: await planPage(this, finding, template, title),
          evidence: [],
        };
      case 'investigation':
        return planInvestigation(this, finding, template, title);
      case 'cleanup':
        return planCleanup(this, finding, template, title);
      case 'cert-renewal':
        return planCertRenewal(this, finding, template, title);
      case 'velero-schedule':
        return planVeleroSchedule(this, finding, template, title);
      default:
        return {
          action: await this.planAction(finding, template, title),
          evidence: [],
        };
    }
  }

  private async planAction(
    finding: PolicyFinding,
    template: ActionTemplate,
    title: string,
  ): Promise<ProposedAction> {
    const vars = finding.vars;
    switch (template.type) {
      case 'none':
        return { type: 'none', title };
      case 'silence': {
        const matchers = Object.entries(vars)
          .filter(([k]) => k.startsWith('labels.'))
          .map(([k, v]) => ({
            name: k.slice('labels.'.length),
            value: v,
            isRegex: false,
            isEqual: true,
          }));
        if (!matchers.some(m => m.name === 'alertname')) {
          throw new InputError(
            'a silence needs the alert labels of an alert finding',
          );
        }
        return {
          type: 'silence',
          title,
          alertmanager: vars.alertmanager,
          matchers,
          durationMinutes: template.durationMinutes,
        };
      }
      case 'gitops-change':
        return this.gitopsChange(
          title,
          safeRepoPath(template.file, vars),
          Object.entries(template.set).map(([path, value]) => [
            path,
            fillDeep(value, vars),
          ]),
        );
      case 'chaos-experiment': {
        const file = safeRepoPath(template.file, vars);
        const name = safeRepoPath(`${finding.policy}-{{entity.name}}`, vars)
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, '-')
          .slice(0, 63);
        const selector = await this.chaosSelector(template, vars);
        const manifest = stringify({
          apiVersion: 'chaos-mesh.org/v1alpha1',
          kind: 'PodChaos',
          metadata: { name, namespace: template.namespace },
          spec: {
            action: template.chaosAction,
            mode: 'one',
            duration: template.duration,
            selector,
          },
        });
        return {
          type: 'chaos-experiment',
          title,
          file,
          manifest,
          diff: newFileDiff(file, manifest),
        };
      }
      case 'kratix-request': {
        const file = safeRepoPath(template.file, vars);
        const definition = await this.deps.promiseDefinition(
          template.promiseEntityRef,
        );
        if (!definition) {
          throw new NotFoundError(
            `No Promise ${template.promiseEntityRef} in the catalog`,
          );
        }
        const { request } = buildResourceRequest(parsePromiseYaml(definition), {
          name: fill(template.name, vars),
          namespace: template.namespace
            ? fill(template.namespace, vars)
            : undefined,
          parameters: fillDeep(template.spec, vars) as Record<string, unknown>,
        });
        const manifest = stringify(request);
        return {
          type: 'kratix-request',
          title,
          file,
          manifest,
          diff: newFileDiff(file, manifest),
        };
      }
      default:
        throw new InputError('unknown action type');
    }
  }

  /** Reads a small YAML file of the GitOps repository, or null if it has none. */
  async readYaml(file: string) {
    const before = await this.deps.readRepoFile(file);
    if (before !== null && before.length > MAX_FILE_BYTES) {
      throw new InputError(
        `${file} is larger than ${MAX_FILE_BYTES} bytes; a decision edits small YAML files only`,
      );
    }
    const doc: Document =
      before === null ? new Document({}) : parseDocument(before);
    if (doc.errors.length > 0) {
      throw new InputError(
        `${file} is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    if (before !== null && !isMap(doc.contents)) {
      throw new InputError(`${file} is not a YAML mapping`);
    }
    return { before, doc };
  }

  /** Sets dotted paths in a YAML file in place (comments kept), with its diff. */
  async gitopsChange(
    title: string,
    file: string,
    edits: Array<[string, unknown]>,
    check?: (after: unknown) => void,
  ): Promise<Extract<ProposedAction, { type: 'gitops-change' }>> {
    const { before, doc } = await this.readYaml(file);
    for (const [path, value] of edits) {
      const keys = path.split('.');
      if (
        keys.some(k => k === '' || k === '__proto__' || k === 'constructor')
      ) {
        throw new InputError(`"${path}" is not a YAML path`);
      }
      doc.setIn(keys, value);
    }
    check?.(doc.toJS());
    const after = doc.toString();
    return {
      type: 'gitops-change',
      title,
      file,
      before,
      after,
      diff: createTwoFilesPatch(`a/${file}`, `b/${file}`, before ?? '', after),
    };
  }

  /** The node an alert is about: its node label, or the entity's name. */
  nodeOf(finding: PolicyFinding) {
    return finding.vars['labels.node'] || finding.vars['entity.name'];
  }

  async consumers(
    resource: Resource,
    where: { node: string; device?: string },
  ): Promise<{ consumers: Consumer[]; evidence: Evidence[] }> {
    const source = this.deps.evidence;
    if (!source) {
      return {
        consumers: [],
        evidence: [
          { label: 'Top consumers', value: 'no data: no evidence source' },
        ],
      };
    }
    try {
      const consumers = await source.topConsumers(resource, where);
      const query = consumers[0]?.query;
      return {
        consumers,
        evidence: [
          {
            label: `Top ${resource} consumers on ${where.node}${
              where.device ? ` (${where.device})` : ''
            }`,
            value:
              consumers.length === 0
                ? 'no data: Prometheus has no series for this node'
                : consumers
                    .map(
                      c => `${consumerName(c)}: ${amount(resource, c.value)}`,
                    )
                    .join('; '),
            ...(query ? { query } : {}),
          },
        ],
      };
    } catch (error) {
      return {
        consumers: [],
        evidence: [
          {
            label: 'Top consumers',
            value: `no data: ${(error as Error).message}`,
          },
        ],
      };
    }
  }

  /**
   * A Chaos Mesh selector that can select real pods: namespaces the
   * catalog's services run in (or the policy's), and pod labels or nodes
   * filled from the finding. Refuses one that would select nothing.
   */
  private async chaosSelector(
    template: Extract<ActionTemplate, { type: 'chaos-experiment' }>,
    vars: Record<string, string>,
  ) {
    const namespaces = template.namespaces
      ? (fillDeep(template.namespaces, vars) as string[])
      : [...new Set((await this.deps.workloadNamespaces?.()) ?? [])].sort();
    if (namespaces.length === 0) {
      throw new InputError(
        'the chaos experiment would select no pods: no namespace to select in (no catalog service has a backstage.io/kubernetes-namespace annotation)',
      );
    }
    const labels = template.labels
      ? (fillDeep(template.labels, vars) as Record<string, string>)
      : undefined;
    const nodes = template.nodes
      ? (fillDeep(template.nodes, vars) as string[])
      : undefined;
    for (const namespace of namespaces) {
      if (!DNS_1123_LABEL.test(namespace)) {
        throw new InputError(
          `the chaos experiment would select no pods: "${namespace}" is not a Kubernetes namespace`,
        );
      }
    }
    for (const value of [
      ...Object.keys(labels ?? {}),
      ...Object.values(labels ?? {}),
      ...(nodes ?? []),
    ]) {
      if (value === '' || value.includes('{{')) {
        throw new InputError(
          `the chaos experiment would select no pods: "${value}" is not filled from the finding`,
        );
      }
    }
    if (labels && NODE_LABELS.some(key => key in labels)) {
      throw new InputError(
        'the chaos experiment would select no pods: kubernetes.io/hostname is a node label; select the node with nodes',
      );
    }
    return {
      namespaces,
      ...(labels ? { labelSelectors: labels } : {}),
      ...(nodes ? { nodes } : {}),
    };
  }
}
