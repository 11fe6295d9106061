import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
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
        // Template skeletons are templates of files, not catalog entities.
        .filter(
          name =>
            name !== 'node_modules' &&
            name !== 'skeleton' &&
            !name.startsWith('.'),
        )
        .map(name => collectFiles(path.join(target, name))),
    );
    return nested.flat();
  }
  return /\.ya?ml$/i.test(target) ? [target] : [];
}

/**
 * Resolves the catalog's `$text`, `$json` and `$yaml` placeholders the way
 * its placeholder processor does for file locations: relative to the file.
 * URLs are not fetched (the command works offline) and are left as they are.
 */
async function resolvePlaceholders(
  value: unknown,
  file: string,
): Promise<unknown> {
  if (Array.isArray(value)) {
    return Promise.all(value.map(v => resolvePlaceholders(v, file)));
  }
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (
    entries.length === 1 &&
    ['$text', '$json', '$yaml'].includes(entries[0][0])
  ) {
    const [kind, target] = entries[0];
    if (typeof target !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(target)) {
      return value;
    }
    if (path.isAbsolute(target)) {
      throw new Error(`${kind} ${target} must be a relative path`);
    }
    const text = await fs.readFile(
      path.resolve(path.dirname(file), target),
      'utf8',
    );
    if (kind === '$text') return text;
    return kind === '$json'
      ? JSON.parse(text)
      : parseAllDocuments(text)[0]?.toJS();
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of entries) {
    // An own property even for "__proto__", which plain assignment would
    // take as the object's prototype.
    Object.defineProperty(out, key, {
      value: await resolvePlaceholders(child, file),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

// What the catalog applies to every entity it reads (its default policies)...
const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
// ...and the built-in kinds' own schemas (BuiltinKindsEntityProcessor).
const kindValidators: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

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
      let data: unknown;
      try {
        // Anchors and aliases can expand a small file into a huge one.
        data = document.toJS({ maxAliasCount: 100 });
      } catch (error) {
        problems.push({ file, message: `YAML: ${(error as Error).message}` });
        continue;
      }
      if (data === null || data === undefined) continue;
      try {
        data = await resolvePlaceholders(data, file);
        const entity = (await policy.enforce(data as Entity)) as Entity;
        for (const validator of kindValidators) {
          // Each returns false for kinds it does not own, and throws on a bad one.
          await validator.check(entity);
        }
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
