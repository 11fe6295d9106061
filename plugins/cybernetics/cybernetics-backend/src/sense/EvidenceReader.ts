import { UpstreamError, getJson } from '@homelab-portal/plugin-homelab-node';

/** Prometheus did not answer, or answered with an error. */
export class PrometheusError extends UpstreamError {}

/** Prometheus' `/api/v1/query` answer, as far as it is read; anything may be missing. */
type PrometheusVectorAnswer = {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{ metric: Record<string, string>; value: [number, string] }>;
  };
};

/** An ArgoCD Application, as far as its deployment history is read. */
type ArgoCdApplication = {
  status?: {
    history?: Array<{ revision?: unknown; deployedAt?: unknown }>;
  };
};

/** ArgoCD's metadata of one revision (its commit). */
type ArgoCdRevisionMetadata = { author?: unknown; message?: unknown };

/** A catalog service that runs in the cluster, as the catalog names it. */
export type Workload = {
  entityRef: string;
  name: string;
  /** backstage.io/kubernetes-namespace */
  namespace: string;
  /** backstage.io/kubernetes-id: its pods' names start with it. */
  kubernetesId?: string;
  /** argocd/app-name */
  argocdApp?: string;
};

/** What uses a node's disk, CPU or memory, as Prometheus measures it. */
export type Consumer = {
  /** A pod (its containers), or a persistent volume claim. */
  kind: 'pod' | 'volume';
  namespace: string;
  /** The pod, or the claim. */
  name: string;
  /** Bytes (disk, memory) or cores (CPU). */
  value: number;
  /** The catalog service it belongs to, when one matches. */
  service?: Workload;
  /** The PromQL query it came from. */
  query: string;
};

/** One deployment of an ArgoCD Application, from its history. */
export type Change = {
  app: string;
  deployedAt: string;
  revision: string;
  author?: string;
  message?: string;
};

export type Resource = 'disk' | 'cpu' | 'memory';

/** Where the planner finds its evidence; each part may be missing. */
export interface EvidenceSource {
  /** The top consumers of `resource` on `node` (for disk, on `device`). */
  topConsumers(
    resource: Resource,
    where: { node: string; device?: string },
  ): Promise<Consumer[]>;
  /** The recent deployments of these ArgoCD applications, newest first. */
  recentChanges(apps: string[], limit?: number): Promise<Change[]>;
  /** The catalog's services that run in the cluster. */
  workloads(): Promise<Workload[]>;
}

/** A PromQL string literal: the value can never end the label matcher. */
export function promString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

const TOP = 5;

/**
 * The PromQL queries for each resource, built only from these templates with
 * escaped label values (never a metric name from input). cAdvisor's
 * container_fs_usage_bytes carries the device, so a disk's consumers are
 * those on that device; volumes are the kubelet's per-claim usage on the
 * node.
 */
export function consumerQueries(
  resource: Resource,
  where: { node: string; device?: string },
): Array<{ kind: Consumer['kind']; query: string }> {
  const node = `node=${promString(where.node)}`;
  switch (resource) {
    case 'disk':
      return [
        {
          kind: 'pod',
          query: `topk(${TOP}, sum by (namespace, pod) (container_fs_usage_bytes{${node}${
            where.device ? `, device=${promString(where.device)}` : ''
          }, namespace!=""}))`,
        },
        {
          kind: 'volume',
          query: `topk(${TOP}, sum by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes{${node}}))`,
        },
      ];
    case 'cpu':
      return [
        {
          kind: 'pod',
          query: `topk(${TOP}, sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${node}, container!=""}[5m])))`,
        },
      ];
    case 'memory':
      return [
        {
          kind: 'pod',
          query: `topk(${TOP}, sum by (namespace, pod) (container_memory_working_set_bytes{${node}, container!=""}))`,
        },
      ];
    default:
      throw new Error(`unknown resource ${resource}`);
  }
}

/**
 * The catalog service a pod or claim belongs to: in its namespace, the one
 * whose kubernetes-id starts the name (the longest such), or the only
 * service in that namespace.
 */
export function serviceOf(
  namespace: string,
  name: string,
  workloads: Workload[],
): Workload | undefined {
  const here = workloads.filter(w => w.namespace === namespace);
  const byId = here
    .filter(
      w =>
        w.kubernetesId &&
        (name === w.kubernetesId ||
          name.startsWith(`${w.kubernetesId}-`) ||
          name.includes(`-${w.kubernetesId}-`)),
    )
    .sort((a, b) => b.kubernetesId!.length - a.kubernetesId!.length);
  if (byId.length > 0) return byId[0];
  return here.length === 1 ? here[0] : undefined;
}

/**
 * Evidence from Prometheus (the top consumers on a node), ArgoCD (the
 * recent deployments of their services) and the catalog. Each upstream is
 * optional: without it, that evidence is missing and says so.
 */
export class EvidenceReader implements EvidenceSource {
  constructor(
    private readonly options: {
      prometheus?: { baseUrl: string };
      argocd?: { baseUrl: string; token?: string };
      workloads: () => Promise<Workload[]>;
      timeoutMs: number;
      fetch?: typeof fetch;
    },
  ) {}

  workloads() {
    return this.options.workloads();
  }

  private async query(query: string) {
    const { prometheus, timeoutMs } = this.options;
    if (!prometheus) {
      throw new PrometheusError(
        'no Prometheus is configured (cybernetics.prometheus.baseUrl)',
      );
    }
    const url = `${prometheus.baseUrl.replace(
      /\/+$/,
      '',
    )}/api/v1/query?${new URLSearchParams({ query })}`;
    let answer;
    try {
      answer = await getJson<PrometheusVectorAnswer>(
        `Prometheus (${new URL(prometheus.baseUrl).host})`,
        url,
        {},
        timeoutMs,
        this.options.fetch ?? fetch,
      );
    } catch (error) {
      throw new PrometheusError((error as Error).message, {
        unreachable: (error as UpstreamError).unreachable,
        cause: error,
      });
    }
    const { body } = answer;
    if (body?.status !== 'success' || body?.data?.resultType !== 'vector') {
      throw new PrometheusError(
        `Prometheus answered ${body?.errorType ?? 'without a vector'}: ${String(
          body?.error ?? '',
        ).slice(0, 200)}`,
      );
    }
    return body.data.result ?? [];
  }

  async topConsumers(
    resource: Resource,
    where: { node: string; device?: string },
  ): Promise<Consumer[]> {
    const workloads = await this.options.workloads().catch(() => []);
    const consumers: Consumer[] = [];
    for (const { kind, query } of consumerQueries(resource, where)) {
      for (const sample of await this.query(query)) {
        const value = Number(sample.value?.[1]);
        const namespace = sample.metric.namespace;
        const name =
          kind === 'pod'
            ? sample.metric.pod
            : sample.metric.persistentvolumeclaim;
        // NaN, +Inf and nameless series are no evidence
        if (!Number.isFinite(value) || !namespace || !name) continue;
        consumers.push({
          kind,
          namespace,
          name,
          value,
          service: serviceOf(namespace, name, workloads),
          query,
        });
      }
    }
    return consumers.sort((a, b) => b.value - a.value).slice(0, TOP);
  }

  async recentChanges(apps: string[], limit = 5): Promise<Change[]> {
    const { argocd, timeoutMs } = this.options;
    if (!argocd) {
      throw new Error('no ArgoCD is configured (cybernetics.argocd.baseUrl)');
    }
    const base = argocd.baseUrl.replace(/\/+$/, '');
    const headers: Record<string, string> = argocd.token
      ? { authorization: `Bearer ${argocd.token}` }
      : {};
    const what = `ArgoCD (${new URL(base).host})`;
    const changes: Change[] = [];
    for (const app of [...new Set(apps)].slice(0, TOP)) {
      const { status, body } = await getJson<ArgoCdApplication>(
        what,
        `${base}/api/v1/applications/${encodeURIComponent(app)}`,
        headers,
        timeoutMs,
        this.options.fetch ?? fetch,
      );
      if (status === 404) continue;
      const history = Array.isArray(body?.status?.history)
        ? body.status.history
        : [];
      for (const entry of history.slice(-limit)) {
        if (typeof entry?.revision !== 'string' || !entry.deployedAt) continue;
        const change: Change = {
          app,
          deployedAt: String(entry.deployedAt),
          revision: entry.revision,
        };
        const meta = await getJson<ArgoCdRevisionMetadata>(
          what,
          `${base}/api/v1/applications/${encodeURIComponent(
            app,
          )}/revisions/${encodeURIComponent(entry.revision)}/metadata`,
          headers,
          timeoutMs,
          this.options.fetch ?? fetch,
        ).catch(() => undefined);
        if (meta?.status === 200) {
          change.author =
            typeof meta.body?.author === 'string'
              ? meta.body.author
              : undefined;
          change.message =
            typeof meta.body?.message === 'string'
              ? meta.body.message.split('\n')[0].slice(0, 200)
              : undefined;
        }
        changes.push(change);
      }
    }
    return changes
      .sort((a, b) => Date.parse(b.deployedAt) - Date.parse(a.deployedAt))
      .slice(0, limit);
  }
}
