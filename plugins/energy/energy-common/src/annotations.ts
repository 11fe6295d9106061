import { Entity } from '@backstage/catalog-model';
import {
  ECOSYSTEM_ANNOTATIONS,
  HOMELAB_ANNOTATION_PREFIX,
} from '@homelab-portal/plugin-homelab-common';

/**
 * On a compute node: its name in Kepler's series (`node_name`, or the legacy
 * node label) when it differs from the entity's name.
 *
 * @public
 */
export const ANNOTATION_KEPLER_NODE = `${HOMELAB_ANNOTATION_PREFIX}/kepler-node`;

/**
 * On hardware Kepler cannot measure (the NAS, the switch): a power gauge in
 * watts, such as a smart plug's or a Redfish BMC's. The metric name must be
 * in the backend's allow-list (`energy.powerMetrics`).
 *
 * @public
 */
export const ANNOTATION_POWER_METRIC = `${HOMELAB_ANNOTATION_PREFIX}/power-metric`;

/**
 * With {@link ANNOTATION_POWER_METRIC}: the series' labels, as
 * comma-separated `name=value` pairs (`plug=nas`). Values are matched exactly.
 *
 * @public
 */
export const ANNOTATION_POWER_LABELS = `${HOMELAB_ANNOTATION_PREFIX}/power-labels`;

/**
 * On hardware with a node_exporter (the NAS): the labels that pick its
 * `node_filesystem_*` series, as comma-separated `name=value` pairs
 * (`node=nas`), for the used and total capacity its page shows.
 *
 * @public
 */
export const ANNOTATION_FILESYSTEM_LABELS = `${HOMELAB_ANNOTATION_PREFIX}/filesystem-labels`;

const MEASURED_RESOURCE_TYPES = ['compute-node'];
const AGGREGATE_KINDS = ['system', 'domain'];

/**
 * Whether the energy plugin can say anything about this entity: a service
 * with a Kubernetes namespace, a compute node, hardware with a power meter,
 * or a System or Domain (through its parts).
 *
 * @public
 */
export function isEnergyAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (AGGREGATE_KINDS.includes(kind)) {
    return true;
  }
  if (annotations[ANNOTATION_POWER_METRIC]) {
    return true;
  }
  if (kind === 'component') {
    return Boolean(annotations[ECOSYSTEM_ANNOTATIONS.kubernetesNamespace]);
  }
  return (
    kind === 'resource' &&
    MEASURED_RESOURCE_TYPES.includes(String(entity.spec?.type ?? ''))
  );
}
