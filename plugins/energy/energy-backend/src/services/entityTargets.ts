import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_FILESYSTEM_LABELS,
  ANNOTATION_KEPLER_NODE,
  ANNOTATION_POWER_LABELS,
  ANNOTATION_POWER_METRIC,
} from '@homelab-portal/plugin-energy-common';
import { ECOSYSTEM_ANNOTATIONS } from '@homelab-portal/plugin-homelab-common';
import { isLabelName, isMetricName } from './promql';
import { EnergyTarget } from './types';

export type ResolvedTarget =
  | { target: EnergyTarget; problem?: undefined }
  | { target?: undefined; problem?: string };

/**
 * The labels that pick a device's node_filesystem_* series, from
 * homelab-portal.io/filesystem-labels (`name=value` pairs), or why they
 * cannot be read; `undefined` labels when the annotation is absent.
 */
export function filesystemLabels(entity: Entity): {
  labels?: Record<string, string>;
  problem?: string;
} {
  const text = entity.metadata.annotations?.[ANNOTATION_FILESYSTEM_LABELS];
  if (!text?.trim()) return {};
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    if (eq < 1 || !isLabelName(name) || name.startsWith('__')) {
      return {
        problem: `${ANNOTATION_FILESYSTEM_LABELS} "${pair
          .trim()
          .slice(0, 100)}" is not name=value`,
      };
    }
    labels[name] = pair.slice(eq + 1).trim();
  }
  return Object.keys(labels).length > 0
    ? { labels }
    : { problem: `${ANNOTATION_FILESYSTEM_LABELS} names no label` };
}

/**
 * What an entity's power is read from, or why it cannot be: a declared
 * power meter first, then a Kubernetes workload (namespace, and the
 * kubernetes-id as the pods' name prefix), then a compute node by name.
 */
export function resolveTarget(
  entity: Entity,
  isAllowedPowerMetric: (metric: string) => boolean,
): ResolvedTarget {
  const annotations = entity.metadata.annotations ?? {};
  const ref = stringifyEntityRef(entity);
  const metric = annotations[ANNOTATION_POWER_METRIC]?.trim();
  if (metric) {
    if (!isMetricName(metric) || !isAllowedPowerMetric(metric)) {
      return {
        problem: `${ref}: power metric "${metric}" is not in energy.powerMetrics, so it is not read`,
      };
    }
    const labels: Record<string, string> = {};
    for (const pair of (annotations[ANNOTATION_POWER_LABELS] ?? '').split(
      ',',
    )) {
      if (!pair.trim()) continue;
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      // Prometheus reserves names that start with "__" (and "__proto__"
      // would not be a label of this object at all).
      if (eq < 1 || !isLabelName(name) || name.startsWith('__')) {
        return {
          problem: `${ref}: ${ANNOTATION_POWER_LABELS} "${pair.trim()}" is not name=value`,
        };
      }
      labels[name] = pair.slice(eq + 1).trim();
    }
    if (Object.keys(labels).length === 0) {
      return {
        problem: `${ref}: ${ANNOTATION_POWER_METRIC} needs ${ANNOTATION_POWER_LABELS} to pick its series`,
      };
    }
    return { target: { type: 'meter', metric, labels } };
  }
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const namespace =
    annotations[ECOSYSTEM_ANNOTATIONS.kubernetesNamespace]?.trim();
  if (kind === 'component' && namespace) {
    const id = annotations[ECOSYSTEM_ANNOTATIONS.kubernetesId]?.trim();
    const selectorText =
      annotations[ECOSYSTEM_ANNOTATIONS.kubernetesLabelSelector]?.trim();
    if (selectorText) {
      // equality selectors only: `app=jellyfin,tier=web`
      const labelSelector: Record<string, string> = {};
      for (const part of selectorText.split(',')) {
        const match = part
          .trim()
          .match(/^([A-Za-z0-9][-A-Za-z0-9_./]*)\s*==?\s*([-A-Za-z0-9_.]*)$/);
        if (!match) {
          return {
            problem: `${ref}: ${
              ECOSYSTEM_ANNOTATIONS.kubernetesLabelSelector
            } "${part.trim()}" is not key=value (set-based selectors are not supported)`,
          };
        }
        labelSelector[match[1]] = match[2];
      }
      return { target: { type: 'workload', namespace, labelSelector } };
    }
    return {
      target: { type: 'workload', namespace, podPrefix: id || undefined },
    };
  }
  if (kind === 'resource' && entity.spec?.type === 'compute-node') {
    const node =
      annotations[ANNOTATION_KEPLER_NODE]?.trim() || entity.metadata.name;
    return { target: { type: 'node', node } };
  }
  return {};
}

/**
 * The catalog entity a pod belongs to: the component in its namespace whose
 * kubernetes-id is the longest prefix of the pod's name, or the namespace's
 * only component without one.
 */
export function podOwner(
  namespace: string,
  pod: string,
  components: Entity[],
): Entity | undefined {
  let best: { entity: Entity; length: number } | undefined;
  for (const entity of components) {
    const resolved = resolveTarget(entity, () => false);
    const target = resolved.target;
    if (target?.type !== 'workload' || target.namespace !== namespace) continue;
    const prefix = target.podPrefix ?? '';
    const matches =
      prefix === '' || pod === prefix || pod.startsWith(`${prefix}-`);
    if (matches && (!best || prefix.length > best.length)) {
      best = { entity, length: prefix.length };
    }
  }
  return best?.entity;
}
