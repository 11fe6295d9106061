import {
  KubePod,
  computePlacement,
  nodeLossRisks,
  podService,
} from '@homelab-portal/plugin-homelab-common';
import {
  FakeKubeApi,
  seedCatalog,
  seedCluster,
} from '@homelab-portal/test-utils';
import { Cluster, KubernetesApi } from './KubernetesApi';

const GiB = 2 ** 30;

/**
 * Live placement as the node card and the Capacity page compute it, read
 * over HTTP from the fake API server (checked against Kubernetes' schemas
 * and metrics-server's types) filled with the seed homelab's cluster.
 */
describe('placement of the seed cluster, read from the API server', () => {
  const kube = new FakeKubeApi([], 'token');
  const api = new KubernetesApi({ timeoutMs: 5000 });
  let cluster: Cluster;
  const entities = seedCatalog();
  const components = entities.filter(e => e.kind === 'Component');

  beforeAll(async () => {
    seedCluster(kube, entities, { metricsAt: '2026-12-01T10:00:00Z' });
    cluster = {
      name: 'homelab-cluster',
      url: await kube.start(),
      serviceAccountToken: 'token',
    };
  });
  afterAll(() => kube.stop());

  const read = async () => {
    const [nodes, pods, metrics] = await Promise.all([
      api.get(cluster, '/api/v1/nodes'),
      api.get(cluster, '/api/v1/pods'),
      api.get(cluster, '/apis/metrics.k8s.io/v1beta1/pods'),
    ]);
    return computePlacement({
      nodes: nodes.body.items,
      pods: pods.body.items,
      metrics: metrics.body.items,
    });
  };

  it('answers a node’s pods by spec.nodeName, as the API server does, and refuses a field it does not index', async () => {
    const { body } = await api.get(
      cluster,
      `/api/v1/pods?${new URLSearchParams({
        fieldSelector: 'spec.nodeName=sff-2',
      })}`,
    );
    expect(body.kind).toBe('PodList');
    expect(
      body.items
        .map((p: KubePod) => podService(p, components)?.metadata.name)
        .sort(),
    ).toEqual(['alertmanager', 'grafana', 'loki', 'ollama', 'prometheus']);

    const refused = await api.get(
      cluster,
      `/api/v1/pods?fieldSelector=spec.schedulerName%3Dx`,
      [400],
    );
    expect(refused).toMatchObject({
      status: 400,
      body: { kind: 'Status', reason: 'BadRequest' },
    });
  });

  it('places every catalog service with a kubernetes-id on a node, with requests and usage against allocatable', async () => {
    const placement = await read();
    expect(placement.map(n => [n.name, n.cordoned])).toEqual([
      ['sff-1', false],
      ['sff-2', false],
      ['sff-3', true],
    ]);
    const placed = placement.flatMap(n =>
      n.pods.map(p => podService(p.pod, components)?.metadata.name),
    );
    const withId = components
      .filter(c => c.metadata.annotations?.['backstage.io/kubernetes-id'])
      .map(c => c.metadata.name);
    expect([...placed].sort()).toEqual([...withId].sort());
    expect(placed).toEqual(
      expect.arrayContaining(['gitea', 'registry', 'minio', 'homelab-portal']),
    );

    const sff2 = placement.find(n => n.name === 'sff-2')!;
    // 4 cores and 32 GiB less the catalog's reserved 1 core and 5 GiB
    expect(sff2.allocatable).toEqual({ cpuCores: 3, memoryBytes: 27 * GiB });
    expect(sff2.requested.cpuCores).toBeCloseTo(1.85);
    expect(sff2.requested.memoryBytes).toBe(18.5 * GiB);
    expect(sff2.used!.cpuCores).toBeCloseTo(
      0.934 + 0.31 + 0.12 + 0.012 + 0.012,
    );

    // Jellyfin crash-loops: no metrics, so sff-1's used leaves it out
    const sff1 = placement.find(n => n.name === 'sff-1')!;
    const jellyfin = sff1.pods.find(
      p => p.pod.metadata.namespace === 'jellyfin',
    )!;
    expect(jellyfin.usage).toBeUndefined();
    expect(jellyfin.requests).toEqual({ cpuCores: 0.5, memoryBytes: 2 * GiB });
    for (const node of placement) {
      expect(node.requested.cpuCores).toBeLessThanOrEqual(
        node.allocatable!.cpuCores,
      );
    }
  });

  it('warns that losing any node would overcommit CPU while sff-3 is cordoned, and that sff-1 could be lost once the cordon is lifted', async () => {
    const risks = nodeLossRisks(await read());
    expect(risks.map(r => [r.node, r.others, r.cpuOvercommitted])).toEqual([
      ['sff-1', ['sff-2'], true],
      ['sff-2', ['sff-1'], true],
      ['sff-3', ['sff-1', 'sff-2'], true],
    ]);
    // sff-2 has the memory to take sff-1's pods (6.75 of 8.5 GiB free), not
    // the CPU (1.45 cores moving, 1.15 free)
    expect(risks[0].memoryOvercommitted).toBe(false);
    expect(risks[0].moving.cpuCores).toBeCloseTo(1.45);
    expect(risks[0].free.cpuCores).toBeCloseTo(1.15);

    const node = (await api.get(cluster, '/api/v1/nodes/sff-3')).body;
    kube.put({ ...node, spec: {} });
    try {
      const lifted = nodeLossRisks(await read());
      // sff-1's 1.45 cores fit in sff-2's 1.15 and sff-3's 0.95 free;
      // sff-2's 1.85 still do not fit in 0.55 + 0.95
      expect(lifted.map(r => [r.node, r.cpuOvercommitted])).toEqual([
        ['sff-1', false],
        ['sff-2', true],
        ['sff-3', true],
      ]);
    } finally {
      kube.put(node);
    }
  });

  it('has no metrics for a pod metrics-server does not report, and refuses a PodMetrics that is not one', () => {
    expect(() =>
      kube.put({
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'PodMetrics',
        metadata: { name: 'x', namespace: 'x' },
        timestamp: '2026-12-01T10:00:00Z',
        window: '30s',
        containers: [{ name: 'x', usage: { cpu: 'lots', memory: '1Gi' } }],
      }),
    ).toThrow(/not a valid PodMetrics/);
    expect(() =>
      kube.put({
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'PodMetrics',
        metadata: { name: 'x', namespace: 'x' },
        containers: [],
      }),
    ).toThrow(/timestamp/);
  });
});
