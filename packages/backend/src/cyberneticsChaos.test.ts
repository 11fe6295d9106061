import { Entity } from '@backstage/catalog-model';
import {
  ActionPlanner,
  DEFAULT_POLICIES,
  Policy,
  evaluatePolicies,
} from '@homelab-portal/plugin-cybernetics-backend';
import { seedCatalog } from '@homelab-portal/test-utils';
import { parse } from 'yaml';
import { validateChaosMesh } from './__testUtils__/chaosMesh';

const catalog = seedCatalog();
const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[`backstage.io/${key}`];
const workloads = catalog.filter(
  e => e.kind === 'Component' && annotation(e, 'kubernetes-namespace'),
);
const nodes = catalog.filter(
  e => e.kind === 'Resource' && e.spec?.type === 'compute-node',
);

const planner = new ActionPlanner({
  readRepoFile: async () => null,
  promiseDefinition: async () => undefined,
  // as the plugin asks the catalog: every Component's namespace annotation
  workloadNamespaces: async () =>
    workloads.map(e => annotation(e, 'kubernetes-namespace')!),
});

const alert = (policy: Policy, entityRef: string) =>
  evaluatePolicies(
    [
      {
        kind: 'alert',
        source: 'live',
        entityRef,
        alertmanager: 'lab',
        alertname: policy.alertname ?? 'X',
        severity: 'critical',
        fingerprint: 'f',
        labels: { alertname: policy.alertname ?? 'X' },
        annotations: {},
        startsAt: '2026-11-25T10:00:00Z',
        suppressed: false,
      },
    ],
    [policy],
  )[0];

// The seed's NodeDown pages on-call; a configured policy may still propose
// the chaos experiment it used to.
const nodeDown: Policy = {
  ...DEFAULT_POLICIES.find(p => p.id === 'node-down')!,
  autonomy: 'propose',
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

describe("the cybernetics loop's chaos experiments", () => {
  it('has nodes and services in the seed catalog to select', () => {
    expect(nodes.length).toBeGreaterThan(0);
    expect(workloads.length).toBeGreaterThan(0);
  });

  it.each(nodes.map(n => [n.metadata.name]))(
    'NodeDown on %s proposes a PodChaos valid against Chaos Mesh’s CRD that selects its pods in the catalog’s namespaces',
    async name => {
      const action = await planner.plan(
        alert(nodeDown, `resource:default/${name}`),
      );
      if (action.type !== 'chaos-experiment') throw new Error('expected chaos');
      const experiment = parse(action.manifest);
      expect(() => validateChaosMesh(experiment)).not.toThrow();
      expect(experiment.spec.selector.nodes).toEqual([name]);
      expect(experiment.spec.selector.labelSelectors).toBeUndefined();
      expect(experiment.spec.selector.namespaces.length).toBeGreaterThan(0);
      for (const namespace of experiment.spec.selector.namespaces) {
        expect(
          workloads.map(e => annotation(e, 'kubernetes-namespace')),
        ).toContain(namespace);
      }
    },
  );
});
