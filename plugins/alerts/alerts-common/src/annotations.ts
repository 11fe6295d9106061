import { Entity } from '@backstage/catalog-model';
import {
  ECOSYSTEM_ANNOTATIONS,
  HOMELAB_ANNOTATION_PREFIX,
} from '@homelab-portal/plugin-homelab-common';
import { Matcher, parseMatchers } from './matchers';

/**
 * Label matchers that pick this entity's alerts, in Prometheus selector
 * syntax: `service="jellyfin"` or `instance=~"sff-1(:[0-9]+)?"`. Several
 * sets, any of which matches, are separated by a line break.
 *
 * @public
 */
export const ANNOTATION_ALERT_MATCHERS = `${HOMELAB_ANNOTATION_PREFIX}/alert-matchers`;

/**
 * The matcher sets that pick an entity's alerts: our annotation, and Roadie's
 * `prometheus.io/alert` (comma-separated alert names, or `all`), which
 * narrows them to those alert names or, alone, picks alerts by name.
 *
 * @public
 */
export function entityMatcherSets(entity: Entity): Matcher[][] {
  const annotations = entity.metadata.annotations ?? {};
  const sets = (annotations[ANNOTATION_ALERT_MATCHERS] ?? '')
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
    .map(parseMatchers);
  const names = (annotations[ECOSYSTEM_ANNOTATIONS.prometheusAlert] ?? '')
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
  if (names.length === 0 || names.includes('all')) {
    return sets;
  }
  const byName: Matcher = {
    name: 'alertname',
    value: names.map(n => n.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')).join('|'),
    isRegex: true,
    isEqual: true,
  };
  return sets.length === 0 ? [[byName]] : sets.map(set => [...set, byName]);
}

/** Whether the entity says which alerts are its own. @public */
export function isAlertsAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'system' || kind === 'domain') return true;
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ANNOTATION_ALERT_MATCHERS] ||
      annotations[ECOSYSTEM_ANNOTATIONS.prometheusAlert],
  );
}
