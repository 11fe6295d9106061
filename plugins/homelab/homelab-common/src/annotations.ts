/**
 * The prefix of every annotation the homelab model defines. Where the
 * ecosystem already has an annotation (backstage.io/kubernetes-*,
 * argocd/app-name, prometheus.io/*), use that one instead.
 *
 * @public
 */
export const HOMELAB_ANNOTATION_PREFIX = 'homelab-portal.io';

/**
 * On a Component: the node(s) or cluster it runs on, as comma-separated
 * entity refs (`resource:homelab-cluster`, or `sff-1` for a Resource in the
 * same namespace).
 *
 * @public
 */
export const ANNOTATION_RUNS_ON = `${HOMELAB_ANNOTATION_PREFIX}/runs-on`;

/**
 * On a Component: the storage tier(s) its data lives on, as comma-separated
 * entity refs of `storage-tier` Resources.
 *
 * @public
 */
export const ANNOTATION_STORAGE_TIER = `${HOMELAB_ANNOTATION_PREFIX}/storage-tier`;

/** Ecosystem annotations the homelab catalog reuses. @public */
export const ECOSYSTEM_ANNOTATIONS = {
  kubernetesId: 'backstage.io/kubernetes-id',
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  argocdAppName: 'argocd/app-name',
  prometheusRule: 'prometheus.io/rule',
  prometheusAlert: 'prometheus.io/alert',
} as const;
