import {
  Cluster,
  KubernetesApi,
  KubernetesError,
} from '@homelab-portal/plugin-homelab-node';

/** A Kubernetes object as listed; only the fields readiness reads. */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
  };
  // any: objects of many kinds (workloads, volumes, budgets), read with optional chaining
  spec?: any;
  // any: as spec
  status?: any;
  /** ConfigMaps */
  data?: Record<string, string>;
};

/** What node and site readiness read from one cluster. */
export type ClusterObjects = {
  cluster: string;
  nodes: KubeObject[];
  deployments: KubeObject[];
  statefulSets: KubeObject[];
  podDisruptionBudgets: KubeObject[];
  persistentVolumeClaims: KubeObject[];
  persistentVolumes: KubeObject[];
  backupStorageLocations: KubeObject[];
};

const PAGE = 500;
const MAX_PAGES = 200;

/**
 * Lists, through the Kubernetes API, what decides whether workloads survive
 * the loss of a node (Nodes, Deployments, StatefulSets,
 * PodDisruptionBudgets, PersistentVolumeClaims and PersistentVolumes) and
 * Velero's BackupStorageLocations. Lists are paged; a kind the cluster does
 * not serve (404) or the portal may not read (403) is a warning, not a
 * failure of the rest.
 */
export class ClusterReader {
  private readonly api: KubernetesApi;

  constructor(
    private readonly options: {
      veleroNamespace: string;
      timeoutMs: number;
      fetch?: typeof fetch;
    },
  ) {
    this.api = new KubernetesApi(options);
  }

  async read(
    cluster: Cluster,
  ): Promise<{ objects: ClusterObjects; warnings: string[] }> {
    const warnings: string[] = [];
    const list = (path: string, what: string) =>
      this.list(cluster, path).catch(error => {
        if (
          error instanceof KubernetesError &&
          (error.status === 403 || error.status === 404)
        ) {
          warnings.push(
            `Kubernetes (${cluster.name}): cannot list ${what} (HTTP ${error.status})`,
          );
          return [];
        }
        throw error;
      });
    const [
      nodes,
      deployments,
      statefulSets,
      podDisruptionBudgets,
      persistentVolumeClaims,
      persistentVolumes,
      backupStorageLocations,
    ] = await Promise.all([
      list('/api/v1/nodes', 'nodes'),
      list('/apis/apps/v1/deployments', 'deployments'),
      list('/apis/apps/v1/statefulsets', 'statefulsets'),
      list('/apis/policy/v1/poddisruptionbudgets', 'poddisruptionbudgets'),
      list('/api/v1/persistentvolumeclaims', 'persistentvolumeclaims'),
      list('/api/v1/persistentvolumes', 'persistentvolumes'),
      list(
        `/apis/velero.io/v1/namespaces/${encodeURIComponent(
          this.options.veleroNamespace,
        )}/backupstoragelocations`,
        'Velero backupstoragelocations',
      ),
    ]);
    return {
      objects: {
        cluster: cluster.name,
        nodes,
        deployments,
        statefulSets,
        podDisruptionBudgets,
        persistentVolumeClaims,
        persistentVolumes,
        backupStorageLocations,
      },
      warnings,
    };
  }

  /** A list, page by page; an expired continue token (410) restarts it once. */
  async list(cluster: Cluster, path: string): Promise<KubeObject[]> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const items: KubeObject[] = [];
      let token: string | undefined;
      let expired = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (token) query.set('continue', token);
        const sep = path.includes('?') ? '&' : '?';
        const response = await this.api.get(cluster, `${path}${sep}${query}`, [
          410,
        ]);
        if (response.status === 410) {
          expired = true;
          break;
        }
        if (!Array.isArray(response.body?.items)) {
          throw new KubernetesError(
            `Kubernetes (${cluster.name}) answered ${path} without items`,
          );
        }
        items.push(...response.body.items);
        token = response.body.metadata?.continue || undefined;
        if (!token) return items;
      }
      if (!expired) {
        throw new KubernetesError(
          `Kubernetes (${cluster.name}) kept paging ${path} past ${MAX_PAGES} pages`,
        );
      }
    }
    throw new KubernetesError(
      `Kubernetes (${cluster.name}): the list ${path} expired twice (410)`,
      { status: 410 },
    );
  }
}
