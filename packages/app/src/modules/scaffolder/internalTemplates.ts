import { Entity } from '@backstage/catalog-model';
import { EntityFilter } from '@backstage/plugin-catalog-react';

/** The tag that keeps a template off the Create page (cybernetics-change). */
export const INTERNAL_TAG = 'internal';

/**
 * Leaves out entities tagged `internal`, in the catalog's query itself, so
 * that the Create page's counts ("All 10") are of the templates it lists.
 */
export class NotInternalFilter implements EntityFilter {
  getCatalogQuery() {
    return { $not: { 'metadata.tags': { $contains: INTERNAL_TAG } } };
  }

  filterEntity(entity: Entity): boolean {
    return !(entity.metadata.tags ?? []).includes(INTERNAL_TAG);
  }
}
