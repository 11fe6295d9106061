import {
  ALL_RELATIONS,
  ALL_RELATION_PAIRS,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_ATTACHED_TO,
  RELATION_CAN_REACH,
  RELATION_HAS_ATTACHED,
  RELATION_HOSTS,
  RELATION_REACHABLE_FROM,
  RELATION_RUNS_ON,
  RELATION_STORED_ON,
  RELATION_STORES,
} from '@homelab-portal/plugin-homelab-common';

/** The homelab model's relations, each with its reverse. */
export const HOMELAB_RELATION_PAIRS: [string, string][] = [
  [RELATION_RUNS_ON, RELATION_HOSTS],
  [RELATION_ATTACHED_TO, RELATION_HAS_ATTACHED],
  [RELATION_CAN_REACH, RELATION_REACHABLE_FROM],
  [RELATION_STORED_ON, RELATION_STORES],
];

/** The catalog graph, knowing our relations as well as the standard ones. */
export function createHomelabCatalogGraphApi() {
  return new DefaultCatalogGraphApi({
    knownRelations: [...ALL_RELATIONS, ...HOMELAB_RELATION_PAIRS.flat()],
    knownRelationPairs: [...ALL_RELATION_PAIRS, ...HOMELAB_RELATION_PAIRS],
    // Required once options are given: the class reads it unguarded.
    defaultRelationTypes: { exclude: [] },
  });
}
