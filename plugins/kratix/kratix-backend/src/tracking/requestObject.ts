import { Cluster, KubernetesApi } from '@homelab-portal/plugin-homelab-node';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';

/** A request's object in the Kratix cluster: the fields the tracker reads, the rest kept as is. */
export type RequestObject = {
  metadata?: { generation?: number; creationTimestamp?: string };
  status?: unknown;
  [field: string]: unknown;
};

/** The request's object in the Kratix cluster, or undefined when it is not there. */
export async function readRequestObject(
  kube: { api: KubernetesApi; cluster: Cluster },
  request: KratixRequest,
): Promise<RequestObject | undefined> {
  const [group, version] = request.apiVersion.split('/');
  const { api, cluster } = kube;
  const path = `/apis/${group}/${version}/${
    request.namespace
      ? `namespaces/${encodeURIComponent(request.namespace)}/`
      : ''
  }${request.plural}/${encodeURIComponent(request.name)}`;
  const { status, body } = await api.get(cluster, path, [404]);
  return status === 404 ? undefined : (body as RequestObject);
}
