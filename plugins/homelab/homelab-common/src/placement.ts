import { Entity } from '@backstage/catalog-model';
import { ECOSYSTEM_ANNOTATIONS } from './annotations';
import { parseQuantity } from './quantity';

/** The part of a Kubernetes Node that placement reads. @public */
export interface KubeNode {
  metadata: { name: string };
  spec?: { unschedulable?: boolean };
  status?: {
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
    conditions?: Array<{ type: string; status: string }>;
  };
}

type KubeContainer = {
  name: string;
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
};

/** The part of a Kubernetes Pod that placement reads. @public */
export interface KubePod {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    ownerReferences?: Array<{ kind: string; name: string }>;
  };
  spec?: {
    nodeName?: string;
    containers?: KubeContainer[];
    initContainers?: KubeContainer[];
  };
  status?: {
    phase?: string;
    containerStatuses?: Array<{
      ready?: boolean;
      restartCount?: number;
      state?: { waiting?: { reason?: string } };
    }>;
  };
}

/** A pod's usage as metrics.k8s.io/v1beta1 reports it (PodMetrics). @public */
export interface KubePodMetrics {
  metadata: { name: string; namespace?: string };
  timestamp?: string;
  window?: string;
  containers: Array<{ name: string; usage: Record<string, string> }>;
}

/** CPU in cores and memory in bytes. @public */
export interface Resources {
  cpuCores: number;
  memoryBytes: number;
}

/** One pod on a node: what it asks for and, where metrics exist, uses. @public */
export interface PlacedPod {
  pod: KubePod;
  requests: Resources;
  /** Undefined without metrics for this pod. */
  usage?: Resources;
  /** A DaemonSet's pod: it runs on every node and never moves elsewhere. */
  daemon: boolean;
}

/** A node's allocatable, requested and used CPU and memory, with its pods. @public */
export interface NodePlacement {
  name: string;
  /** Ready and not cordoned: new pods may be scheduled on it. */
  schedulable: boolean;
  ready: boolean;
  cordoned: boolean;
  /** Undefined when the node does not report it. */
  allocatable?: Resources;
  requested: Resources;
  /** Undefined when no pod on it has metrics (no metrics-server). */
  used?: Resources;
  pods: PlacedPod[];
}

const zero = (): Resources => ({ cpuCores: 0, memoryBytes: 0 });

function add(a: Resources, b: Resources): Resources {
  return {
    cpuCores: a.cpuCores + b.cpuCores,
    memoryBytes: a.memoryBytes + b.memoryBytes,
  };
}

function containerRequest(container: KubeContainer): Resources {
  // A container with a limit and no request is given the limit as its request.
  const pick = (resource: string) =>
    parseQuantity(
      container.resources?.requests?.[resource] ??
        container.resources?.limits?.[resource],
    ) ?? 0;
  return { cpuCores: pick('cpu'), memoryBytes: pick('memory') };
}

/**
 * What the scheduler reserves for a pod: the sum of its containers'
 * requests, or its largest init container's if that is more.
 *
 * @public
 */
export function podRequests(pod: KubePod): Resources {
  const sum = (pod.spec?.containers ?? [])
    .map(containerRequest)
    .reduce(add, zero());
  for (const init of (pod.spec?.initContainers ?? []).map(containerRequest)) {
    sum.cpuCores = Math.max(sum.cpuCores, init.cpuCores);
    sum.memoryBytes = Math.max(sum.memoryBytes, init.memoryBytes);
  }
  return sum;
}

function podUsage(metrics: KubePodMetrics): Resources | undefined {
  let usage: Resources | undefined;
  for (const container of metrics.containers ?? []) {
    const cpu = parseQuantity(container.usage?.cpu);
    const memory = parseQuantity(container.usage?.memory);
    if (cpu === undefined || memory === undefined) return undefined;
    usage = add(usage ?? zero(), { cpuCores: cpu, memoryBytes: memory });
  }
  return usage;
}

/** Whether a pod holds its node's resources (bound and not finished). */
function occupies(pod: KubePod): boolean {
  const phase = pod.status?.phase;
  return (
    Boolean(pod.spec?.nodeName) && phase !== 'Succeeded' && phase !== 'Failed'
  );
}

function allocatableOf(node: KubeNode): Resources | undefined {
  const source = node.status?.allocatable ?? node.status?.capacity;
  const cpu = parseQuantity(source?.cpu);
  const memory = parseQuantity(source?.memory);
  return cpu === undefined || memory === undefined
    ? undefined
    : { cpuCores: cpu, memoryBytes: memory };
}

/**
 * Each node's pods with their requests and usage, summed against its
 * allocatable, from the API server's Nodes and Pods and metrics.k8s.io's
 * PodMetrics (optional: without metrics-server, used is undefined).
 *
 * @public
 */
export function computePlacement(input: {
  nodes: KubeNode[];
  pods: KubePod[];
  metrics?: KubePodMetrics[];
}): NodePlacement[] {
  const usage = new Map<string, Resources | undefined>();
  for (const m of input.metrics ?? []) {
    usage.set(`${m.metadata.namespace}/${m.metadata.name}`, podUsage(m));
  }
  return input.nodes
    .map(node => {
      const ready =
        node.status?.conditions?.some(
          c => c.type === 'Ready' && c.status === 'True',
        ) ?? false;
      const cordoned = node.spec?.unschedulable === true;
      const pods = input.pods
        .filter(
          pod => occupies(pod) && pod.spec?.nodeName === node.metadata.name,
        )
        .map(pod => ({
          pod,
          requests: podRequests(pod),
          usage: usage.get(`${pod.metadata.namespace}/${pod.metadata.name}`),
          daemon: (pod.metadata.ownerReferences ?? []).some(
            o => o.kind === 'DaemonSet',
          ),
        }))
        .sort((a, b) =>
          `${a.pod.metadata.namespace}/${a.pod.metadata.name}`.localeCompare(
            `${b.pod.metadata.namespace}/${b.pod.metadata.name}`,
            'en-US',
          ),
        );
      const measured = pods.filter(p => p.usage);
      return {
        name: node.metadata.name,
        ready,
        cordoned,
        schedulable: ready && !cordoned,
        allocatable: allocatableOf(node),
        requested: pods.map(p => p.requests).reduce(add, zero()),
        used:
          measured.length > 0
            ? measured.map(p => p.usage!).reduce(add, zero())
            : undefined,
        pods,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-US'));
}

/** What losing one node would leave the others to carry. @public */
export interface NodeLossRisk {
  /** The node that is lost. */
  node: string;
  /** Requests of its pods that must move (DaemonSet pods stay behind). */
  moving: Resources;
  /** Allocatable minus requested on the other Ready, uncordoned nodes. */
  free: Resources;
  /** The nodes that could take its pods. */
  others: string[];
  cpuOvercommitted: boolean;
  memoryOvercommitted: boolean;
}

/**
 * For each node, whether the rest could take its pods were it lost: the
 * requests of its pods (not DaemonSets') against the free allocatable
 * (allocatable minus requests) of the other Ready, uncordoned nodes. This is
 * the sum of the requests, so it says "would not fit", never "will fit": a
 * large pod may still find no single node with room.
 *
 * @public
 */
export function nodeLossRisks(placement: NodePlacement[]): NodeLossRisk[] {
  return placement.map(lost => {
    const others = placement.filter(
      n => n.name !== lost.name && n.schedulable && n.allocatable,
    );
    const moving = lost.pods
      .filter(p => !p.daemon)
      .map(p => p.requests)
      .reduce(add, zero());
    const free = others
      .map(n => ({
        cpuCores: Math.max(0, n.allocatable!.cpuCores - n.requested.cpuCores),
        memoryBytes: Math.max(
          0,
          n.allocatable!.memoryBytes - n.requested.memoryBytes,
        ),
      }))
      .reduce(add, zero());
    return {
      node: lost.name,
      moving,
      free,
      others: others.map(n => n.name),
      cpuOvercommitted: moving.cpuCores > free.cpuCores + 1e-9,
      memoryOvercommitted: moving.memoryBytes > free.memoryBytes,
    };
  });
}

/**
 * The catalog component a pod belongs to: the one whose
 * backstage.io/kubernetes-id its `backstage.io/kubernetes-id` label names
 * (in the component's namespace, if it has one); otherwise the one in its
 * namespace whose kubernetes-id is the longest prefix of the pod's name.
 *
 * @public
 */
export function podService(
  pod: Pick<KubePod, 'metadata'>,
  components: Entity[],
): Entity | undefined {
  const annotationsOf = (e: Entity) => e.metadata.annotations ?? {};
  const namespaceOf = (e: Entity) =>
    annotationsOf(e)[ECOSYSTEM_ANNOTATIONS.kubernetesNamespace];
  const label = pod.metadata.labels?.[ECOSYSTEM_ANNOTATIONS.kubernetesId];
  if (label) {
    const labelled = components.find(
      e =>
        annotationsOf(e)[ECOSYSTEM_ANNOTATIONS.kubernetesId] === label &&
        (namespaceOf(e) ?? pod.metadata.namespace) === pod.metadata.namespace,
    );
    if (labelled) return labelled;
  }
  let best: { entity: Entity; length: number } | undefined;
  for (const entity of components) {
    if (namespaceOf(entity) !== pod.metadata.namespace) continue;
    const id = annotationsOf(entity)[ECOSYSTEM_ANNOTATIONS.kubernetesId] ?? '';
    const name = pod.metadata.name;
    if (id && name !== id && !name.startsWith(`${id}-`)) continue;
    if (!best || id.length > best.length) {
      best = { entity, length: id.length };
    }
  }
  return best?.entity;
}
