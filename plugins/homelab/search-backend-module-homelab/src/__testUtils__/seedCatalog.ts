import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { IndexableDocument } from '@backstage/plugin-search-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { homelabEntityTransformer } from '../entityTransformer';

const repoRoot = path.resolve(__dirname, '../../../../..');

/** Every entity of the seed homelab in catalog/ (as the catalog reads them). */
export function seedEntities(): Entity[] {
  const files = [
    'org.yaml',
    'systems.yaml',
    'hardware.yaml',
    'network.yaml',
    ...fs
      .readdirSync(path.join(repoRoot, 'catalog', 'services'))
      .map(f => `services/${f}`),
  ];
  return files.flatMap(file =>
    parseAllDocuments(
      fs.readFileSync(path.join(repoRoot, 'catalog', file), 'utf8'),
    )
      .map(doc => doc.toJS() as Entity)
      .filter(entity => entity?.kind)
      .map(entity => ({
        ...entity,
        metadata: { namespace: 'default', ...entity.metadata },
      })),
  );
}

/** The seed's entities as the catalog collator's documents, with this module's transformer. */
export function seedDocuments(): IndexableDocument[] {
  return seedEntities().map(entity => ({
    ...homelabEntityTransformer(entity),
    authorization: { resourceRef: stringifyEntityRef(entity) },
    location: `/catalog/default/${entity.kind.toLowerCase()}/${
      entity.metadata.name
    }`,
  }));
}

/** Finds one seed entity by name. */
export function seedEntity(name: string): Entity {
  const entity = seedEntities().find(e => e.metadata.name === name);
  if (!entity) {
    throw new Error(`no entity ${name} in catalog/`);
  }
  return entity;
}
