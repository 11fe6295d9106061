import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyEntityContentExtension } from '@backstage/plugin-catalog-react/alpha';
import { EntityKubernetesClusterContent } from '@backstage/plugin-kubernetes-cluster';

/**
 * The cluster view of Backstage's own Kubernetes cluster plugin (overview,
 * API resources, nodes) as a "Cluster" tab on kubernetes-cluster Resources.
 * The plugin has only a legacy export, converted here. It shows the cluster
 * of the Kubernetes plugin's config named like the entity, and needs the
 * entity's `kubernetes.io/api-server` annotation.
 */
export const kubernetesClusterPlugin = createFrontendPlugin({
  pluginId: 'kubernetes-cluster',
  extensions: [
    convertLegacyEntityContentExtension(EntityKubernetesClusterContent, {
      name: 'cluster',
      path: '/kubernetes-cluster',
      title: 'Cluster',
      filter: { kind: 'resource', 'spec.type': 'kubernetes-cluster' },
    }),
  ],
});
