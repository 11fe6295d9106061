import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_PART,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Matcher,
  entityMatcherSets,
  matchesAll,
} from '@homelab-portal/plugin-alerts-common';

/*
 * Which alerts belong to which catalog entities: by the matchers an entity
 * declares, and up and down partOf/hasPart (a System or Domain gets its
 * parts' alerts), at most MAX_DEPTH levels.
 */

const MAX_DEPTH = 3;

export type Indexed = { entity: Entity; ref: string; own: Matcher[][] };

/** An entity's own matcher sets and those of its parts (for a System or Domain). */
export async function matcherSetsFor(
  catalog: CatalogService,
  ref: string,
  credentials: BackstageCredentials,
) {
  const entity = await catalog.getEntityByRef(ref, {
    credentials,
  });
  if (!entity) {
    throw new NotFoundError(`No entity ${ref} in the catalog`);
  }
  const warnings: string[] = [];
  const sets: Matcher[][] = [...ownSets(entity, warnings)];
  const seen = new Set([ref]);
  let frontier = [entity];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const refs = frontier
      .flatMap(e =>
        (e.relations ?? [])
          .filter(r => r.type === RELATION_HAS_PART)
          .map(r => r.targetRef),
      )
      .filter(r => !seen.has(r));
    refs.forEach(r => seen.add(r));
    if (refs.length === 0) break;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    frontier = items.filter((e): e is Entity => Boolean(e));
    for (const part of frontier) sets.push(...ownSets(part, warnings));
  }
  return { sets, warnings };
}

function ownSets(entity: Entity, warnings: string[]): Matcher[][] {
  try {
    return entityMatcherSets(entity);
  } catch (error) {
    warnings.push(`${stringifyEntityRef(entity)}: ${(error as Error).message}`);
    return [];
  }
}

export async function indexEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
) {
  const { items } = await catalog.getEntities(
    {
      filter: [
        { kind: 'component' },
        { kind: 'resource' },
        { kind: 'system' },
        { kind: 'domain' },
      ],
    },
    { credentials },
  );
  const warnings: string[] = [];
  const byRef = new Map<string, Indexed>();
  for (const entity of items) {
    const ref = stringifyEntityRef(entity);
    byRef.set(ref, { entity, ref, own: ownSets(entity, warnings) });
  }
  return { byRef, warnings };
}

/** The entities an alert belongs to: those whose matchers pick it, and what they are part of. */
export function ownersOf(
  labels: Record<string, string>,
  index: { byRef: Map<string, Indexed> },
): { all: string[]; matched: string[] } {
  const owners = new Set<string>();
  const matched: string[] = [];
  const climb = (item: Indexed, depth: number) => {
    owners.add(item.ref);
    if (depth >= MAX_DEPTH) return;
    for (const relation of item.entity.relations ?? []) {
      const parent =
        relation.type === RELATION_PART_OF
          ? index.byRef.get(relation.targetRef)
          : undefined;
      if (parent && !owners.has(parent.ref)) climb(parent, depth + 1);
    }
  };
  for (const item of index.byRef.values()) {
    if (matchesAny(labels, item.own)) {
      matched.push(item.ref);
      climb(item, 0);
    }
  }
  return { all: [...owners].sort(), matched: matched.sort() };
}

export function matchesAny(
  labels: Record<string, string>,
  sets: Matcher[][],
): boolean {
  return sets.some(set => set.length > 0 && matchesAll(labels, set));
}
