import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  KubeNode,
  KubePod,
  KubePodMetrics,
} from '@homelab-portal/plugin-homelab-common';

/** The cluster's objects as placement reads them, through the Kubernetes plugin's proxy. */
export type ClusterReading = {
  clusterName: string;
  at: Date;
  nodes: KubeNode[];
  pods: KubePod[];
  /** Undefined when metrics.k8s.io did not answer; see metricsNote. */
  metrics?: KubePodMetrics[];
  metricsNote?: string;
};

/** The Kubernetes plugin refused the proxy (no kubernetes.proxy permission). */
export class ProxyNotAllowedError extends Error {
  name = 'ProxyNotAllowedError';
}

const MAX_PAGES = 20;
const PAGE = 500;

type Apis = { discoveryApi: DiscoveryApi; fetchApi: FetchApi };

/** The names of the clusters the Kubernetes plugin is configured with. */
export async function kubernetesClusterNames({
  discoveryApi,
  fetchApi,
}: Apis): Promise<string[]> {
  const base = await discoveryApi.getBaseUrl('kubernetes');
  const response = await fetchApi.fetch(`${base}/clusters`);
  if (!response.ok) return [];
  const body = await response.json();
  return (body.items ?? []).map((c: { name: string }) => c.name);
}

async function proxyGet(
  { discoveryApi, fetchApi }: Apis,
  clusterName: string,
  path: string,
  pass: number[] = [],
  // any: Kubernetes objects of any kind, read with optional chaining
): Promise<{ status: number; body?: any }> {
  const base = await discoveryApi.getBaseUrl('kubernetes');
  const response = await fetchApi.fetch(`${base}/proxy${path}`, {
    headers: { 'Backstage-Kubernetes-Cluster': clusterName },
  });
  if (response.status === 403 && !path.startsWith('/apis/metrics.k8s.io')) {
    throw new ProxyNotAllowedError(
      'Reading pods through the Kubernetes plugin needs the kubernetes.proxy permission, which you do not have.',
    );
  }
  if (pass.includes(response.status)) {
    return { status: response.status };
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 300);
    try {
      message =
        JSON.parse(text).error?.message ?? JSON.parse(text).message ?? message;
    } catch {
      // not JSON: the text as it came
    }
    throw new Error(
      `The Kubernetes plugin answered ${response.status} for the cluster ${clusterName}: ${message}`,
    );
  }
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw new Error(
      `The Kubernetes plugin's answer for the cluster ${clusterName} is not JSON (${
        path.split('?')[0]
      })`,
    );
  }
}

/** A list, page by page (limit and continue), bounded to MAX_PAGES pages. */
async function listAll(
  apis: Apis,
  clusterName: string,
  path: string,
  query: Record<string, string> = {},
  pass: number[] = [],
  // any: Kubernetes list items of any kind, read with optional chaining
): Promise<{ status: number; items?: any[] }> {
  // any: Kubernetes list items of any kind
  const items: any[] = [];
  let next = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams({
      ...query,
      limit: String(PAGE),
      ...(next ? { continue: next } : {}),
    });
    const { status, body } = await proxyGet(
      apis,
      clusterName,
      `${path}?${params}`,
      pass,
    );
    if (!body) return { status };
    items.push(...(body.items ?? []));
    next = body.metadata?.continue ?? '';
    if (!next) break;
  }
  return { status: 200, items };
}

/**
 * Reads a cluster's Nodes, Pods and metrics.k8s.io PodMetrics through the
 * Kubernetes plugin's proxy (`/api/kubernetes/proxy`, the cluster named in
 * Backstage-Kubernetes-Cluster), for one node or the whole cluster. Without
 * metrics-server (404, 503) or without the right to read metrics (403), the
 * reading has no metrics and says why.
 */
export async function readCluster(
  apis: Apis,
  clusterName: string,
  options: { nodeName?: string } = {},
): Promise<ClusterReading> {
  const { nodeName } = options;
  const nodesRead = nodeName
    ? proxyGet(
        apis,
        clusterName,
        `/api/v1/nodes/${encodeURIComponent(nodeName)}`,
        [404],
      ).then(r => (r.body ? [r.body as KubeNode] : []))
    : listAll(apis, clusterName, '/api/v1/nodes').then(r => r.items ?? []);
  const podsRead = listAll(
    apis,
    clusterName,
    '/api/v1/pods',
    nodeName ? { fieldSelector: `spec.nodeName=${nodeName}` } : {},
  ).then(r => (r.items ?? []) as KubePod[]);
  const metricsRead = listAll(
    apis,
    clusterName,
    '/apis/metrics.k8s.io/v1beta1/pods',
    {},
    [403, 404, 503],
  );
  const [nodes, pods, metrics] = await Promise.all([
    nodesRead,
    podsRead,
    metricsRead,
  ]);
  const notes: Record<number, string> = {
    403: 'the portal may not read metrics.k8s.io',
    404: 'the cluster serves no metrics.k8s.io (no metrics-server)',
    503: 'metrics-server is not answering',
  };
  return {
    clusterName,
    at: new Date(),
    // the API server filters by node; a proxy or an older server may not
    nodes: nodeName ? nodes.filter(n => n.metadata?.name === nodeName) : nodes,
    pods: nodeName ? pods.filter(p => p.spec?.nodeName === nodeName) : pods,
    metrics: metrics.items,
    metricsNote: metrics.items ? undefined : notes[metrics.status],
  };
}

const GiB = 2 ** 30;

/** Cores with two decimals: `1.45 cores`. */
export const cores = (value: number) =>
  `${value.toFixed(2)} ${value === 1 ? 'core' : 'cores'}`;

/** Memory in GiB with one decimal (MiB under 1 GiB): `6.8 GiB`. */
export const memory = (bytes: number) =>
  bytes > 0 && bytes < GiB
    ? `${Math.round(bytes / 2 ** 20)} MiB`
    : `${(bytes / GiB).toFixed(1)} GiB`;

/** The metrics' window and time, as a caption says it. */
export function metricsWindow(metrics: KubePodMetrics[] | undefined): string {
  const first = metrics?.find(m => m.timestamp);
  if (!first) return '';
  const at = new Date(first.timestamp!);
  const time = Number.isNaN(at.getTime())
    ? ''
    : ` at ${at.toLocaleTimeString('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
      })}`;
  return `averaged over ${first.window ?? 'its window'}${time}`;
}
