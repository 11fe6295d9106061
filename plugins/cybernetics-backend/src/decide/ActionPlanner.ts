import { InputError, NotFoundError } from '@backstage/errors';
import { ProposedAction } from '@homelab-portal/plugin-cybernetics-common';
import {
  buildResourceRequest,
  parsePromiseYaml,
} from '@homelab-portal/plugin-kratix-common';
import { createTwoFilesPatch } from 'diff';
import { Document, isMap, parseDocument, stringify } from 'yaml';
import { PolicyFinding, fill } from '../analyse/PolicyEngine';
import { ActionTemplate } from '../analyse/policies';

/** Values files and manifests are small; a decision keeps the file's before and after. */
const MAX_FILE_BYTES = 256 * 1024;

const SAFE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._/-]{1,300}$/;

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

function fillDeep(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') return fill(value, vars);
  if (Array.isArray(value)) return value.map(v => fillDeep(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, fillDeep(v, vars)]),
    );
  }
  return value;
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Labels Kubernetes puts on nodes, not pods: selecting pods by them selects none. */
const NODE_LABELS = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'];

const newFileDiff = (file: string, content: string) =>
  createTwoFilesPatch('/dev/null', `b/${file}`, '', content);

/**
 * Turns a policy's action template into a concrete proposed action: for a
 * GitOps change, the file's current content from the repository, the new
 * content (YAML edited in place, comments kept) and the diff; for a Kratix
 * request or a Chaos Mesh experiment, the manifest to add.
 */
export class ActionPlanner {
  constructor(
    private readonly deps: {
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
    },
  ) {}

  async plan(finding: PolicyFinding): Promise<ProposedAction> {
    const template = finding.policyDef.action;
    const vars = finding.vars;
    const title = fill(template.title, vars);
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
      case 'gitops-change': {
        const file = safeRepoPath(template.file, vars);
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
        for (const [path, value] of Object.entries(template.set)) {
          const keys = path.split('.');
          if (
            keys.some(k => k === '' || k === '__proto__' || k === 'constructor')
          ) {
            throw new InputError(`"${path}" is not a YAML path`);
          }
          doc.setIn(keys, fillDeep(value, vars));
        }
        const after = doc.toString();
        return {
          type: 'gitops-change',
          title,
          file,
          before,
          after,
          diff: createTwoFilesPatch(
            `a/${file}`,
            `b/${file}`,
            before ?? '',
            after,
          ),
        };
      }
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
