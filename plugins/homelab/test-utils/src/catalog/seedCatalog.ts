import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_PART,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

// the repository's catalog/, beside plugins/
const CATALOG_DIR = resolvePackagePath(
  '@homelab-portal/test-utils',
  '../../../catalog',
);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return entry.name.endsWith('.yaml') && entry.name !== 'all.yaml'
      ? [path]
      : [];
  });
}

/**
 * For tests: the seed homelab from catalog/ (or another folder), with the
 * partOf/hasPart relations the catalog's built-in processor would add
 * (spec.system, spec.domain).
 *
 * @public
 */
export function seedCatalog(catalogDir: string = CATALOG_DIR): Entity[] {
  const entities = yamlFiles(catalogDir).flatMap(file =>
    parseAllDocuments(readFileSync(file, 'utf8'))
      .map(doc => doc.toJS() as Entity)
      .filter(entity => entity?.kind),
  );
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  for (const entity of entities) {
    entity.metadata.namespace ??= 'default';
    entity.relations ??= [];
  }
  for (const entity of entities) {
    const parent =
      (entity.spec?.system as string | undefined) &&
      stringifyEntityRef(
        parseEntityRef(entity.spec!.system as string, {
          defaultKind: 'system',
          defaultNamespace: 'default',
        }),
      );
    const domain =
      entity.kind === 'System' && (entity.spec?.domain as string | undefined)
        ? stringifyEntityRef(
            parseEntityRef(entity.spec!.domain as string, {
              defaultKind: 'domain',
              defaultNamespace: 'default',
            }),
          )
        : undefined;
    for (const target of [parent, domain]) {
      const container = target ? byRef.get(target) : undefined;
      if (!container) continue;
      entity.relations!.push({ type: RELATION_PART_OF, targetRef: target! });
      container.relations!.push({
        type: RELATION_HAS_PART,
        targetRef: stringifyEntityRef(entity),
      });
    }
  }
  return entities;
}
