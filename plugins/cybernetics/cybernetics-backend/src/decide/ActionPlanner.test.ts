import { evaluatePolicies } from '../analyse/PolicyEngine';
import { DEFAULT_POLICIES, Policy } from '../analyse/policies';
import { parse } from 'yaml';
import { ActionPlanner, safeRepoPath } from './ActionPlanner';

const finding = (policy: Policy, entityRef = 'resource:default/sff-1') =>
  evaluatePolicies(
    [
      {
        kind: 'alert',
        source: 'live',
        entityRef,
        alertmanager: 'lab',
        alertname: policy.alertname ?? 'DiskFull',
        severity: 'critical',
        fingerprint: 'f',
        labels: {
          alertname: policy.alertname ?? 'DiskFull',
          node: 'sff-1',
          certificate: 'grafana-tls',
        },
        annotations: {},
        startsAt: '2026-11-25T10:00:00Z',
        suppressed: false,
      },
    ],
    [policy],
  )[0];

const policy = (id: string) => DEFAULT_POLICIES.find(p => p.id === id)!;

// Configured policies of the kinds the seed's no longer use.
const lokiRetention: Policy = {
  ...policy('disk-full'),
  id: 'loki-retention',
  action: {
    type: 'gitops-change',
    title: 'Shorten Loki retention to 72h',
    file: 'platform/loki/values.yaml',
    set: { 'loki.limits_config.retention_period': '72h' },
  },
};
const ollamaLimit: Policy = {
  ...policy('high-memory'),
  id: 'ollama-limit',
  action: {
    type: 'gitops-change',
    title: 'Limit Ollama to 12Gi of memory',
    file: 'apps/ollama/values.yaml',
    set: { 'resources.limits.memory': '12Gi' },
  },
};
const nodeChaos: Policy = {
  ...policy('node-down'),
  id: 'node-down',
  action: {
    type: 'chaos-experiment',
    title: 'Verify the services on {{entity.name}} survive losing a pod',
    file: 'platform/chaos/{{entity.name}}-pod-kill.yaml',
    namespace: 'chaos-mesh',
    nodes: ['{{entity.name}}'],
    chaosAction: 'pod-kill',
    duration: '60s',
  },
};
const certSilence: Policy = {
  ...policy('cert-expiring'),
  action: {
    type: 'silence',
    title: 'Silence for 24 hours',
    durationMinutes: 1440,
  },
};

describe('ActionPlanner', () => {
  const lokiValues = [
    '# Loki, as ArgoCD deploys it',
    'loki:',
    '  limits_config:',
    '    retention_period: 168h # a week',
    '  auth_enabled: false',
    '',
  ].join('\n');
  const planner = new ActionPlanner({
    readRepoFile: async file =>
      file === 'platform/loki/values.yaml' ? lokiValues : null,
    promiseDefinition: async () => undefined,
  });

  it('edits the YAML in place, keeping comments, and shows the diff', async () => {
    const action = await planner.plan(finding(lokiRetention));
    expect(action.type).toBe('gitops-change');
    if (action.type !== 'gitops-change') throw new Error('unreachable');
    expect(action.after).toContain('retention_period: 72h');
    expect(action.after).toContain('# Loki, as ArgoCD deploys it');
    expect(action.after).toContain('auth_enabled: false');
    expect(action.diff).toContain('-    retention_period: 168h # a week');
    expect(action.diff).toContain('+    retention_period: 72h');
  });

  it('creates a file that is not there yet', async () => {
    const action = await planner.plan(finding(ollamaLimit));
    if (action.type !== 'gitops-change') throw new Error('expected a change');
    expect(action.before).toBeNull();
    expect(action.after).toBe('resources:\n  limits:\n    memory: 12Gi\n');
  });

  it('writes a Chaos Mesh PodChaos that selects the pods on a node that went down', async () => {
    const chaosPlanner = new ActionPlanner({
      readRepoFile: async () => null,
      promiseDefinition: async () => undefined,
      workloadNamespaces: async () => ['monitoring', 'jellyfin', 'monitoring'],
    });
    const action = await chaosPlanner.plan(finding(nodeChaos));
    if (action.type !== 'chaos-experiment') throw new Error('expected chaos');
    expect(action.file).toBe('platform/chaos/sff-1-pod-kill.yaml');
    expect(parse(action.manifest)).toEqual({
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: 'PodChaos',
      metadata: { name: 'node-down-sff-1', namespace: 'chaos-mesh' },
      spec: {
        action: 'pod-kill',
        mode: 'one',
        duration: '60s',
        // pods on that node, in the namespaces the catalog's services run in
        selector: { namespaces: ['jellyfin', 'monitoring'], nodes: ['sff-1'] },
      },
    });
  });

  it('selects pods by the policy’s namespaces and pod labels', async () => {
    const chaos = {
      ...nodeChaos,
      action: {
        ...nodeChaos.action,
        namespaces: ['{{entity.name}}'],
        labels: { 'backstage.io/kubernetes-id': '{{entity.name}}' },
        nodes: undefined,
      },
    } as Policy;
    const action = await planner.plan(
      finding(chaos, 'component:default/jellyfin'),
    );
    if (action.type !== 'chaos-experiment') throw new Error('expected chaos');
    expect(parse(action.manifest).spec.selector).toEqual({
      namespaces: ['jellyfin'],
      labelSelectors: { 'backstage.io/kubernetes-id': 'jellyfin' },
    });
  });

  it.each([
    [
      'no namespace to select in',
      {},
      /no catalog service has a backstage.io\/kubernetes-namespace/,
    ],
    [
      'a namespace that is not one',
      { namespaces: ['Not A Namespace'] },
      /is not a Kubernetes namespace/,
    ],
    [
      'a label not filled',
      { namespaces: ['x'], labels: { app: '{{labels.nothing}}' } },
      /is not filled from the finding/,
    ],
    [
      'a node label on pods',
      {
        namespaces: ['x'],
        labels: { 'kubernetes.io/hostname': '{{entity.name}}' },
      },
      /kubernetes.io\/hostname is a node label/,
    ],
  ])(
    'refuses a chaos experiment with %s: it would select no pods',
    async (_, change, message) => {
      const chaos = {
        ...nodeChaos,
        action: { ...nodeChaos.action, ...change },
      } as Policy;
      await expect(planner.plan(finding(chaos))).rejects.toThrow(message);
    },
  );

  it('silences exactly the alert, on its Alertmanager', async () => {
    const action = await planner.plan(finding(certSilence));
    if (action.type !== 'silence') throw new Error('expected a silence');
    expect(action.alertmanager).toBe('lab');
    expect(action.matchers).toEqual(
      expect.arrayContaining([
        {
          name: 'alertname',
          value: 'CertExpiring',
          isRegex: false,
          isEqual: true,
        },
        {
          name: 'certificate',
          value: 'grafana-tls',
          isRegex: false,
          isEqual: true,
        },
      ]),
    );
  });

  it.each([
    ['../../etc/passwd'],
    ['/etc/passwd'],
    ['apps/../secrets.yaml'],
    ['apps/{{entity.name}}/values.yaml'],
    ['apps/a b.yaml'],
  ])('refuses the path %s', path => {
    expect(() => safeRepoPath(path, {})).toThrow(/not a safe path/);
  });

  it('refuses a file name made unsafe by an entity name', async () => {
    const evil = {
      ...policy('idle-power'),
      kind: 'alert' as const,
      alertname: 'X',
    };
    await expect(
      planner.plan(finding(evil, 'component:default/..')),
    ).rejects.toThrow(/not a safe path/);
  });
});
