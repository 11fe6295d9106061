import { Entity } from '@backstage/catalog-model';
import {
  KubeNode,
  KubePod,
  computePlacement,
  nodeLossRisks,
  podRequests,
  podService,
} from './placement';
import { parseQuantity } from './quantity';

const GiB = 2 ** 30;

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['2', 2],
    ['1.5', 1.5],
    ['2345678n', 0.002345678],
    ['100u', 0.0001],
    ['512Mi', 512 * 2 ** 20],
    ['1.5Gi', 1.5 * GiB],
    ['128974848', 128974848],
    ['129e6', 129e6],
    ['123M', 123e6],
    ['1k', 1000],
  ])('reads %s', (quantity, value) => {
    expect(parseQuantity(quantity)).toBeCloseTo(value, 12);
  });

  it.each(['', 'ten', '1.2.3', '5 Gi', '1Zi', 'Infinity', '9'.repeat(400)])(
    'refuses %j',
    quantity => {
      expect(parseQuantity(quantity)).toBeUndefined();
    },
  );
});

const node = (
  name: string,
  cpu: string,
  memory: string,
  options: { cordoned?: boolean; ready?: boolean } = {},
): KubeNode => ({
  metadata: { name },
  spec: options.cordoned ? { unschedulable: true } : {},
  status: {
    allocatable: { cpu, memory },
    capacity: { cpu: '4', memory: '32Gi' },
    conditions: [
      { type: 'Ready', status: options.ready === false ? 'False' : 'True' },
    ],
  },
});

const pod = (
  namespace: string,
  name: string,
  nodeName: string,
  requests: Record<string, string>,
  extra: Partial<KubePod['metadata']> & { phase?: string } = {},
): KubePod => ({
  metadata: { name, namespace, ...extra },
  spec: {
    nodeName,
    containers: [{ name: 'main', resources: { requests } }],
  },
  status: { phase: extra.phase ?? 'Running' },
});

describe('podRequests', () => {
  it('sums containers, counts a limit as the request, and takes the largest init container if larger', () => {
    expect(
      podRequests({
        metadata: { name: 'p' },
        spec: {
          containers: [
            {
              name: 'a',
              resources: { requests: { cpu: '250m', memory: '1Gi' } },
            },
            {
              name: 'b',
              resources: { limits: { cpu: '500m', memory: '512Mi' } },
            },
            { name: 'c' },
          ],
          initContainers: [
            {
              name: 'migrate',
              resources: { requests: { cpu: '2', memory: '256Mi' } },
            },
          ],
        },
      }),
    ).toEqual({ cpuCores: 2, memoryBytes: 1.5 * GiB });
  });
});

describe('computePlacement and nodeLossRisks', () => {
  const nodes = [
    node('sff-1', '3', '26Gi'),
    node('sff-2', '3', '16Gi'),
    node('sff-3', '3', '27Gi', { cordoned: true }),
  ];
  const pods = [
    pod('ollama', 'ollama-0', 'sff-1', { cpu: '2', memory: '16Gi' }),
    pod('jellyfin', 'jellyfin-abc', 'sff-1', { cpu: '500m', memory: '2Gi' }),
    pod(
      'monitoring',
      'promtail-x',
      'sff-1',
      { cpu: '100m', memory: '128Mi' },
      {
        ownerReferences: [{ kind: 'DaemonSet', name: 'promtail' }],
      },
    ),
    pod('grafana', 'grafana-1', 'sff-2', { cpu: '1500m', memory: '6Gi' }),
    // finished pods hold nothing
    pod(
      'velero',
      'backup-job',
      'sff-2',
      { cpu: '2', memory: '8Gi' },
      { phase: 'Succeeded' },
    ),
    // a pending pod is on no node
    {
      metadata: { name: 'pending', namespace: 'x' },
      spec: {},
      status: { phase: 'Pending' },
    },
  ];
  const metrics = [
    {
      metadata: { name: 'ollama-0', namespace: 'ollama' },
      timestamp: '2026-12-01T10:00:00Z',
      window: '30s',
      containers: [
        { name: 'main', usage: { cpu: '1200000000n', memory: '10Gi' } },
      ],
    },
  ];

  it('sums requests and usage per node against allocatable', () => {
    const placement = computePlacement({ nodes, pods, metrics });
    expect(placement.map(n => [n.name, n.pods.length, n.schedulable])).toEqual([
      ['sff-1', 3, true],
      ['sff-2', 1, true],
      ['sff-3', 0, false],
    ]);
    const [sff1, sff2] = placement;
    expect(sff1.requested.cpuCores).toBeCloseTo(2.6);
    expect(sff1.requested.memoryBytes).toBe(18 * GiB + 128 * 2 ** 20);
    expect(sff1.allocatable).toEqual({ cpuCores: 3, memoryBytes: 26 * GiB });
    expect(sff1.used!.cpuCores).toBeCloseTo(1.2);
    expect(sff1.used!.memoryBytes).toBe(10 * GiB);
    // no metrics for any of its pods: unknown, not zero
    expect(sff2.used).toBeUndefined();
  });

  it('warns where losing a node would overcommit the Ready, uncordoned rest', () => {
    const risks = nodeLossRisks(computePlacement({ nodes, pods, metrics }));
    const sff1 = risks.find(r => r.node === 'sff-1')!;
    // promtail (a DaemonSet's pod) does not move
    expect(sff1.moving.cpuCores).toBeCloseTo(2.5);
    expect(sff1.moving.memoryBytes).toBe(18 * GiB);
    // sff-3 is cordoned: only sff-2's 1.5 cores and 10 GiB are free
    expect(sff1.others).toEqual(['sff-2']);
    expect(sff1.free.cpuCores).toBeCloseTo(1.5);
    expect(sff1.free.memoryBytes).toBe(10 * GiB);
    expect(sff1.cpuOvercommitted).toBe(true);
    expect(sff1.memoryOvercommitted).toBe(true);

    const sff2 = risks.find(r => r.node === 'sff-2')!;
    // 1.5 cores moving, 0.4 free on sff-1; 6 GiB moving, 7.875 GiB free
    expect(sff2.cpuOvercommitted).toBe(true);
    expect(sff2.memoryOvercommitted).toBe(false);
    // sff-3 holds nothing, so losing it moves nothing
    const sff3 = risks.find(r => r.node === 'sff-3')!;
    expect(sff3.cpuOvercommitted || sff3.memoryOvercommitted).toBe(false);
  });

  it('finds room once the cordon is lifted', () => {
    const uncordoned = nodes.map(n => ({ ...n, spec: {} }));
    const risks = nodeLossRisks(computePlacement({ nodes: uncordoned, pods }));
    expect(
      risks.every(r => !r.cpuOvercommitted && !r.memoryOvercommitted),
    ).toBe(true);
  });
});

describe('podService', () => {
  const component = (name: string, id: string, namespace: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/kubernetes-id': id,
        'backstage.io/kubernetes-namespace': namespace,
      },
    },
  });
  const components = [
    component('grafana', 'grafana', 'monitoring'),
    component('loki', 'loki', 'monitoring'),
    component('promtail', 'promtail', 'monitoring'),
  ];

  it('reads the backstage.io/kubernetes-id label first', () => {
    expect(
      podService(
        {
          metadata: {
            name: 'agent-xyz',
            namespace: 'monitoring',
            labels: { 'backstage.io/kubernetes-id': 'promtail' },
          },
        },
        components,
      )?.metadata.name,
    ).toBe('promtail');
  });

  it('falls back on the namespace and the name prefix, and finds none for a stranger', () => {
    expect(
      podService(
        { metadata: { name: 'loki-0', namespace: 'monitoring' } },
        components,
      )?.metadata.name,
    ).toBe('loki');
    expect(
      podService(
        { metadata: { name: 'lokisomething', namespace: 'monitoring' } },
        components,
      ),
    ).toBeUndefined();
    expect(
      podService(
        { metadata: { name: 'loki-0', namespace: 'other' } },
        components,
      ),
    ).toBeUndefined();
  });
});
