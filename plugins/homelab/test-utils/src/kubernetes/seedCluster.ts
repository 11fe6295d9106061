import { Entity } from '@backstage/catalog-model';
import { FakeKubeApi } from './fakeKubeApi';

/**
 * What each service's pod asks for (requests) and uses (metrics-server's
 * working set and CPU rate), by its backstage.io/kubernetes-id. Services not
 * listed ask for 50m CPU and 256 MiB and use a fifth of the memory.
 */
const WORKLOADS: Record<
  string,
  { cpu: string; memory: string; usedCpu: string; usedMemory: string }
> = {
  ollama: { cpu: '1', memory: '12Gi', usedCpu: '934m', usedMemory: '10Gi' },
  prometheus: {
    cpu: '500m',
    memory: '4Gi',
    usedCpu: '310m',
    usedMemory: '3Gi',
  },
  loki: { cpu: '250m', memory: '2Gi', usedCpu: '120m', usedMemory: '1536Mi' },
  keycloak: { cpu: '500m', memory: '2Gi', usedCpu: '80m', usedMemory: '1Gi' },
  jellyfin: { cpu: '500m', memory: '2Gi', usedCpu: '0', usedMemory: '0' },
  langflow: { cpu: '500m', memory: '2Gi', usedCpu: '150m', usedMemory: '1Gi' },
  'homelab-portal': {
    cpu: '500m',
    memory: '1Gi',
    usedCpu: '210m',
    usedMemory: '612Mi',
  },
  gitea: { cpu: '250m', memory: '1Gi', usedCpu: '40m', usedMemory: '410Mi' },
  minio: { cpu: '250m', memory: '2Gi', usedCpu: '60m', usedMemory: '900Mi' },
  vault: { cpu: '250m', memory: '512Mi', usedCpu: '30m', usedMemory: '200Mi' },
};
const SMALL = {
  cpu: '50m',
  memory: '256Mi',
  usedCpu: '12m',
  usedMemory: '51Mi',
};

/**
 * Where each service's pod runs: Ollama and the observability stack on
 * sff-2; identity, Git, the registry, the portal and the backups on sff-3
 * (cordoned after they were scheduled, so they stay but nothing new lands
 * there); the rest on sff-1, the control plane. Requests stay within each
 * node's allocatable, as the scheduler keeps them.
 */
const PLACEMENT: Record<string, string> = {
  ollama: 'sff-2',
  prometheus: 'sff-2',
  loki: 'sff-2',
  grafana: 'sff-2',
  alertmanager: 'sff-2',
  langflow: 'sff-3',
  kiwix: 'sff-3',
  rotki: 'sff-3',
  keycloak: 'sff-3',
  'homelab-portal': 'sff-3',
  gitea: 'sff-3',
  registry: 'sff-3',
  argocd: 'sff-3',
  velero: 'sff-3',
  restic: 'sff-3',
};

/**
 * For tests: fills a FakeKubeApi with the seed homelab's cluster as the
 * Kubernetes plugin and the node cards read it: one Node per compute node
 * of the catalog (allocatable = the node's cores and memory less the
 * catalog's reserved; sff-3 cordoned), each service's namespace, Deployment,
 * ReplicaSet, Pod (with requests, on its node; Jellyfin's crash-looping, so
 * it has no metrics) and Service, labelled with its backstage.io/kubernetes-id,
 * and metrics.k8s.io PodMetrics for the running pods. Every object is checked
 * against Kubernetes' own schema (or metrics-server's types) by the fake.
 *
 * @public
 */
export function seedCluster(
  kube: FakeKubeApi,
  entities: Entity[],
  options: { metricsAt?: string } = {},
): void {
  const metricsAt = options.metricsAt ?? new Date().toISOString();
  for (const entity of entities) {
    if (entity.spec?.type !== 'compute-node') continue;
    const hardware = entity.spec.hardware as {
      cores: number;
      memoryGiB: number;
    };
    const reserved =
      (
        entity.spec.capacity as
          | { reserved?: { cores?: number; memoryGiB?: number } }
          | undefined
      )?.reserved ?? {};
    const name = entity.metadata.name;
    kube.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'node-role.kubernetes.io/control-plane': '',
        },
      },
      spec: name === 'sff-3' ? { unschedulable: true } : {},
      status: {
        capacity: {
          cpu: String(hardware.cores),
          memory: `${hardware.memoryGiB}Gi`,
          pods: '110',
        },
        allocatable: {
          cpu: `${(hardware.cores - (reserved.cores ?? 0)) * 1000}m`,
          memory: `${
            (hardware.memoryGiB - (reserved.memoryGiB ?? 0)) * 1024
          }Mi`,
          pods: '110',
        },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        addresses: [{ type: 'Hostname', address: name }],
        nodeInfo: {
          architecture: 'amd64',
          bootID: `${name}-boot`,
          containerRuntimeVersion: 'containerd://1.7.13',
          kernelVersion: '6.7.4-200.fc39.x86_64',
          kubeProxyVersion: 'v1.29.2',
          kubeletVersion: 'v1.29.2',
          machineID: `${name}-machine`,
          operatingSystem: 'linux',
          osImage: 'Fedora CoreOS 39',
          systemUUID: `${name}-uuid`,
        },
      },
    });
  }
  const namespaces = new Set(
    entities.flatMap(
      e => e.metadata.annotations?.['backstage.io/kubernetes-namespace'] ?? [],
    ),
  );
  for (const name of namespaces) {
    kube.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  for (const entity of entities) {
    const annotations = entity.metadata.annotations ?? {};
    const id = annotations['backstage.io/kubernetes-id'];
    const namespace = annotations['backstage.io/kubernetes-namespace'];
    if (!id || !namespace) continue;
    const workload = WORKLOADS[id] ?? SMALL;
    const labels = { 'backstage.io/kubernetes-id': id, app: id };
    const container = {
      name: id,
      image: `registry.lab.local/${id}:stable`,
      resources: {
        requests: { cpu: workload.cpu, memory: workload.memory },
        limits: { memory: workload.memory },
      },
    };
    const crashing = id === 'jellyfin';
    kube.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: id, namespace, labels, uid: `${id}-deployment` },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: id } },
        template: { metadata: { labels }, spec: { containers: [container] } },
      },
      status: {
        replicas: 1,
        readyReplicas: crashing ? 0 : 1,
        availableReplicas: crashing ? 0 : 1,
      },
    });
    const owner = (kind: string, name: string) => [
      {
        apiVersion: 'apps/v1',
        kind,
        name,
        uid: `${id}-${kind.toLowerCase()}`,
        controller: true,
      },
    ];
    kube.put({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${id}-7d4b9c6f5`,
        namespace,
        labels,
        uid: `${id}-replicaset`,
        ownerReferences: owner('Deployment', id),
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: id } },
        template: { metadata: { labels }, spec: { containers: [container] } },
      },
      status: { replicas: 1, readyReplicas: crashing ? 0 : 1 },
    });
    const podName = `${id}-7d4b9c6f5-x2x8q`;
    kube.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace,
        labels,
        ownerReferences: owner('ReplicaSet', `${id}-7d4b9c6f5`),
      },
      spec: { containers: [container], nodeName: PLACEMENT[id] ?? 'sff-1' },
      status: {
        phase: 'Running',
        startTime: '2026-11-20T08:00:00Z',
        conditions: [{ type: 'Ready', status: crashing ? 'False' : 'True' }],
        containerStatuses: [
          {
            name: id,
            image: container.image,
            imageID: `${container.image}@sha256:0`,
            ready: !crashing,
            restartCount: crashing ? 14 : 0,
            state: crashing
              ? {
                  waiting: {
                    reason: 'CrashLoopBackOff',
                    message: 'back-off 5m0s restarting failed container',
                  },
                }
              : { running: { startedAt: '2026-11-20T08:00:00Z' } },
          },
        ],
      },
    });
    if (!crashing) {
      kube.put({
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'PodMetrics',
        metadata: {
          name: podName,
          namespace,
          labels,
          creationTimestamp: metricsAt,
        },
        timestamp: metricsAt,
        window: '30s',
        containers: [
          {
            name: id,
            usage: { cpu: workload.usedCpu, memory: workload.usedMemory },
          },
        ],
      });
    }
    kube.put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: id, namespace, labels },
      spec: { type: 'ClusterIP', selector: { app: id }, ports: [{ port: 80 }] },
    });
  }
}
