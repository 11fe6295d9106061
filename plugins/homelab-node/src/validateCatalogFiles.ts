import { Entity } from '@backstage/catalog-model';
import {
  entityEnvelopeSchemaValidator,
  entitySchemaValidator,
} from '@backstage/catalog-model';
import {
  refOf,
  validateHomelabCatalog,
} from '@homelab-portal/plugin-homelab-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A problem, with the file it is in. @public */
export interface FileProblem {
  file: string;
  /** The entity ref, when the problem belongs to one entity. */
  entityRef?: string;
  field?: string;
  message: string;
}

/** @public */
export interface ValidationReport {
  files: string[];
  entities: number;
  problems: FileProblem[];
}

// A catalog file is small; a huge one is an error, not a reason to run out of memory.
const MAX_FILE_BYTES = 5 * 1024 * 1024;

async function collectFiles(target: string): Promise<string[]> {
  const stat = await fs.lstat(target);
  if (stat.isSymbolicLink()) {
    return []; // Never follow a link out of the repository being checked.
  }
  if (stat.isDirectory()) {
    const names = (await fs.readdir(target)).sort();
    const nested = await Promise.all(
      names
        .filter(name => name !== 'node_modules' && !name.startsWith('.'))
        .map(name => collectFiles(path.join(target, name))),
    );
    return nested.flat();
  }
  return /\.ya?ml$/i.test(target) ? [target] : [];
}

const validateEnvelope = entityEnvelopeSchemaValidator();
const validateEntity = entitySchemaValidator();

/**
 * Validates catalog YAML files the way the portal's catalog does, offline:
 * YAML syntax, the catalog's own entity schema, then the homelab model's
 * checks on each entity and across all of them. Template entities are
 * checked for shape only (their own schema lives with the scaffolder).
 * @public
 */
export async function validateCatalogFiles(
  targets: string[],
): Promise<ValidationReport> {
  const files = (await Promise.all(targets.map(collectFiles))).flat();
  const problems: FileProblem[] = [];
  const entities: Entity[] = [];
  const fileOf = new Map<string, string>();

  for (const file of files) {
    const { size } = await fs.stat(file);
    if (size > MAX_FILE_BYTES) {
      problems.push({
        file,
        message: `is ${size} bytes; the limit is ${MAX_FILE_BYTES}`,
      });
      continue;
    }
    const documents = parseAllDocuments(await fs.readFile(file, 'utf8'));
    for (const document of documents) {
      if (document.errors.length > 0) {
        for (const error of document.errors) {
          problems.push({ file, message: `YAML: ${error.message}` });
        }
        continue;
      }
      // Anchors and aliases can expand a small file into a huge one.
      const data = document.toJS({ maxAliasCount: 100 });
      if (data === null || data === undefined) continue;
      try {
        validateEnvelope(data);
        const entity = validateEntity(data) as Entity;
        entities.push(entity);
        fileOf.set(refOf(entity), file);
      } catch (error) {
        const name = (data as Entity)?.metadata?.name;
        problems.push({
          file,
          entityRef: name ? `${(data as Entity).kind}:${name}` : undefined,
          message: (error as Error).message,
        });
      }
    }
  }

  for (const problem of validateHomelabCatalog(entities)) {
    problems.push({
      file: fileOf.get(problem.entityRef) ?? '?',
      entityRef: problem.entityRef,
      field: problem.field,
      message: problem.message,
    });
  }
  return { files, entities: entities.length, problems };
}
