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
import { PolicyFinding, fill } from '../analyse/PolicyEngine';
import { ActionTemplate } from '../analyse/policies';
import {
  Change,
  Consumer,
  EvidenceSource,
  Resource,
} from '../sense/EvidenceReader';
import {
  assertCertificate,
  assertQuantity,
  assertVeleroSchedule,
  formatGoDuration,
  parseGoDuration,
} from './schemas';

/** A proposed action with the evidence gathered to choose it. */
export type Plan = { action: ProposedAction; evidence: Evidence[] };

const GiB = 1024 ** 3;
const bytes = (n: number) =>
  n >= GiB
    ? `${(n / GiB).toFixed(1)} GiB`
    : `${(n / 1024 ** 2).toFixed(0)} MiB`;
const amount = (resource: Resource, n: number) =>
  resource === 'cpu' ? `${n.toFixed(2)} cores` : bytes(n);
const consumerName = (c: Consumer) =>
  `${c.kind === 'volume' ? 'volume ' : ''}${c.namespace}/${c.name}${
    c.service ? ` (${c.service.name})` : ''
  }`;

/** cert-manager's default spec.duration when a Certificate sets none: 90 days. */
const HOUR = 3_600_000;

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
    },
  ) {}

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
          action: await this.page(finding, template, title),
          evidence: [],
        };
      case 'investigation':
        return this.investigation(finding, template, title);
      case 'cleanup':
        return this.cleanup(finding, template, title);
      case 'cert-renewal':
        return this.certRenewal(finding, template, title);
      case 'velero-schedule':
        return this.veleroSchedule(finding, template, title);
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
  private async readYaml(file: string) {
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
  private async gitopsChange(
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
  private nodeOf(finding: PolicyFinding) {
    return finding.vars['labels.node'] || finding.vars['entity.name'];
  }

  private async consumers(
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

  private async page(
    finding: PolicyFinding,
    template: Extract<ActionTemplate, { type: 'page' }>,
    title: string,
  ): Promise<ProposedAction> {
    const targets = (await this.deps.pagingTargets?.(finding.entityRef)) ?? {
      recipients: [],
      escalateTo: [],
    };
    if (targets.recipients.length === 0) {
      throw new InputError(
        `${finding.entityRef} has no owner in the catalog to page`,
      );
    }
    return {
      type: 'page',
      title,
      recipients: targets.recipients,
      escalateTo: template.escalateTo ?? targets.escalateTo,
      escalateAfterMinutes: this.deps.escalateAfterMinutes ?? 15,
    };
  }

  private async investigation(
    finding: PolicyFinding,
    template: Extract<ActionTemplate, { type: 'investigation' }>,
    title: string,
  ): Promise<Plan> {
    const node = this.nodeOf(finding);
    const { consumers, evidence } = await this.consumers(template.resource, {
      node,
    });
    const apps = consumers
      .map(c => c.service?.argocdApp)
      .filter((a): a is string => Boolean(a));
    let changes: Change[] = [];
    if (apps.length === 0) {
      evidence.push({
        label: 'Recent changes',
        value: 'no data: no top consumer names an ArgoCD application',
      });
    } else {
      try {
        changes = (await this.deps.evidence?.recentChanges(apps)) ?? [];
        evidence.push({
          label: `Recent ArgoCD deployments of ${[...new Set(apps)].join(
            ', ',
          )}`,
          value:
            changes.length === 0
              ? 'none in their history'
              : changes
                  .map(
                    c =>
                      `${c.app} ${c.revision.slice(0, 12)} at ${c.deployedAt}${
                        c.author ? ` by ${c.author}` : ''
                      }${c.message ? `: ${c.message}` : ''}`,
                  )
                  .join('; '),
          query: 'GET /api/v1/applications/{app} (status.history)',
        });
      } catch (error) {
        evidence.push({
          label: 'Recent changes',
          value: `no data: ${(error as Error).message}`,
        });
      }
    }
    const what = template.resource === 'cpu' ? 'CPU' : 'memory';
    const top = consumers[0];
    const questions = [
      top
        ? `Is ${consumerName(top)} (${amount(
            template.resource,
            top.value,
          )}) expected to use this much ${what} on ${node}?`
        : `Which workload uses the ${what} on ${node}? Prometheus had no per-pod series.`,
      changes[0]
        ? `Did the deployment of ${changes[0].app} at ${
            changes[0].deployedAt
          } (${changes[0].revision.slice(0, 12)}) change its ${what} use?`
        : `Did anything change on ${node} lately (no recent ArgoCD deployment of its top consumers)?`,
      `Would the load fit on another node, or does ${node} need a limit or more capacity?`,
    ];
    return {
      action: { type: 'investigation', title, questions },
      evidence,
    };
  }

  private async cleanup(
    finding: PolicyFinding,
    template: Extract<ActionTemplate, { type: 'cleanup' }>,
    title: string,
  ): Promise<Plan> {
    const node = this.nodeOf(finding);
    const device = finding.vars['labels.device'] || undefined;
    const { consumers, evidence } = await this.consumers('disk', {
      node,
      device,
    });
    const top = consumers[0];
    if (!top) {
      return {
        action: {
          type: 'none',
          title: `${title} by hand: there is no evidence of what fills it`,
        },
        evidence,
      };
    }
    const service = top.service;
    const recipe = service
      ? Object.entries(template.cleanups ?? {}).find(
          ([name]) => name === service.name,
        )?.[1]
      : undefined;
    if (recipe) {
      const vars = { ...finding.vars, 'consumer.service': service!.name };
      const action = await this.gitopsChange(
        `${fill(recipe.title, vars)} (${consumerName(top)} uses ${bytes(
          top.value,
        )})`,
        safeRepoPath(recipe.file, vars),
        Object.entries(recipe.set).map(([path, value]) => [
          path,
          fillDeep(value, vars),
        ]),
      );
      return { action, evidence };
    }
    if (top.kind === 'pod' && service) {
      // A pod's writable layer, logs and emptyDirs: a limit below what it
      // uses makes the kubelet evict it now, which deletes them, and caps
      // them from then on.
      const limitGi = Math.max(1, Math.ceil(top.value / GiB / 2));
      const limit = `${limitGi}Gi`;
      assertQuantity(limit, 'ephemeral-storage limit');
      const file = safeRepoPath('apps/{{consumer.service}}/values.yaml', {
        'consumer.service': service.name,
      });
      const action = await this.gitopsChange(
        `Cap ${
          service.name
        }'s ephemeral storage at ${limit}: the kubelet evicts ${
          top.namespace
        }/${top.name} and frees its ${bytes(
          top.value,
        )} of logs and scratch files`,
        file,
        [['resources.limits.ephemeral-storage', limit]],
      );
      return { action, evidence };
    }
    return {
      action: {
        type: 'none',
        title: `${title} by hand: the biggest consumer, ${consumerName(
          top,
        )} (${bytes(top.value)}), has no known cleanup`,
      },
      evidence,
    };
  }

  private async certRenewal(
    finding: PolicyFinding,
    template: Extract<ActionTemplate, { type: 'cert-renewal' }>,
    title: string,
  ): Promise<Plan> {
    const name = finding.vars['labels.name'];
    const namespace = finding.vars['labels.namespace'];
    if (!name || !namespace) {
      throw new InputError(
        'the alert names no certificate (labels name and namespace)',
      );
    }
    const file = safeRepoPath(template.file, finding.vars);
    const { before, doc } = await this.readYaml(file);
    const certificate = doc.toJS();
    const evidence: Evidence[] = [
      {
        label: 'Certificate',
        value: `${namespace}/${name}, in ${file}`,
      },
    ];
    const cmctl = `kubectl cert-manager renew -n ${namespace} ${name} (or cmctl renew)`;
    if (before === null) {
      return {
        action: {
          type: 'none',
          title: `Renew ${namespace}/${name} by hand with ${cmctl}: its Certificate is not in ${file}`,
        },
        evidence,
      };
    }
    assertCertificate(certificate, file);
    if (
      certificate.metadata.name !== name ||
      (certificate.metadata.namespace ?? namespace) !== namespace
    ) {
      throw new InputError(
        `${file} holds Certificate ${certificate.metadata.namespace}/${certificate.metadata.name}, not ${namespace}/${name}`,
      );
    }
    const current = certificate.spec?.duration;
    if (current === undefined) {
      // cert-manager compares spec.duration with the CertificateRequest only
      // when both set it: adding one would not re-issue.
      return {
        action: {
          type: 'none',
          title: `Renew ${namespace}/${name} by hand with ${cmctl}: its Certificate sets no spec.duration, so no change in Git makes cert-manager re-issue it`,
        },
        evidence,
      };
    }
    const ms = parseGoDuration(current);
    if (ms === undefined || ms < 2 * HOUR) {
      throw new InputError(
        `${file}: spec.duration "${String(
          current,
        )}" is not a duration the loop can shorten`,
      );
    }
    const duration = formatGoDuration(ms - HOUR);
    const renewBefore = parseGoDuration(certificate.spec?.renewBefore);
    if (renewBefore !== undefined && renewBefore >= ms - HOUR) {
      throw new InputError(
        `${file}: spec.renewBefore would not be shorter than the new duration ${duration}`,
      );
    }
    evidence.push({
      label: 'How it renews',
      value: `spec.duration ${current} → ${duration}: the Certificate no longer matches its latest CertificateRequest, so cert-manager re-issues it at once`,
    });
    const action = await this.gitopsChange(
      title,
      file,
      [['spec.duration', duration]],
      after => assertCertificate(after, `${file} after the change`),
    );
    return { action, evidence };
  }

  private async veleroSchedule(
    finding: PolicyFinding,
    template: Extract<ActionTemplate, { type: 'velero-schedule' }>,
    title: string,
  ): Promise<Plan> {
    const file = safeRepoPath(template.file, finding.vars);
    const before = await this.deps.readRepoFile(file);
    if (before !== null) {
      const { doc } = await this.readYaml(file);
      assertVeleroSchedule(doc.toJS(), file);
      const action = await this.gitopsChange(
        title,
        file,
        [['spec.schedule', template.schedule]],
        after => assertVeleroSchedule(after, `${file} after the change`),
      );
      return { action, evidence: [] };
    }
    // No schedule yet: a complete one for the entity's namespace, as the
    // backup-schedule template writes it, or nothing.
    const workload = (
      await this.deps.evidence?.workloads().catch(() => [])
    )?.find(w => w.entityRef === finding.entityRef);
    if (!workload) {
      return {
        action: {
          type: 'none',
          title: `Create a Velero Schedule for ${finding.vars['entity.name']} with the backup-schedule template: ${file} is missing and the catalog names no Kubernetes namespace for it`,
        },
        evidence: [{ label: 'Schedule file', value: `${file}: missing` }],
      };
    }
    const schedule = {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: {
        name: `${workload.name}-${finding.vars['backup.policy'] || 'backup'}`
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, '-')
          .slice(0, 63)
          .replace(/-+$/, ''),
        namespace: 'velero',
        labels: {
          'app.kubernetes.io/managed-by': 'homelab-portal',
        },
      },
      spec: {
        schedule: template.schedule,
        useOwnerReferencesInBackup: false,
        template: {
          includedNamespaces: [workload.namespace],
          storageLocation: template.storageLocation ?? 'nas',
          ttl: template.ttl ?? '72h0m0s',
        },
      },
    };
    assertVeleroSchedule(schedule, file);
    const after = stringify(schedule);
    return {
      action: {
        type: 'gitops-change',
        title,
        file,
        before: null,
        after,
        diff: createTwoFilesPatch(`a/${file}`, `b/${file}`, '', after),
      },
      evidence: [
        {
          label: 'Schedule file',
          value: `${file}: missing, so a new Schedule for namespace ${workload.namespace}`,
        },
      ],
    };
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
