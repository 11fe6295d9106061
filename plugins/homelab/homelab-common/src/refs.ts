import {
  CompoundEntityRef,
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

// The catalog's own rules for kinds, namespaces and names.
const validator = makeValidator();

/**
 * Resolves a ref written in an entity (`sff-1`, `resource:sff-1`,
 * `component:lab/ollama`) against that entity, to the lower-case full form
 * the catalog uses in relations. Undefined if it is not a valid ref.
 * @public
 */
export function resolveRef(
  ref: string,
  context: Entity,
  defaultKind = 'resource',
): string | undefined {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: context.metadata.namespace ?? 'default',
    });
  } catch {
    return undefined;
  }
  if (
    !validator.isValidKind(parsed.kind) ||
    !validator.isValidNamespace(parsed.namespace) ||
    !validator.isValidEntityName(parsed.name)
  ) {
    return undefined;
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/** The full lower-case ref of an entity. @public */
export function refOf(entity: Entity | CompoundEntityRef): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

/** Splits a comma-separated annotation value into refs. @public */
export function splitRefs(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(part => part.trim())
    .filter(Boolean);
}

/**
 * A ref as routes take it from a query string: fully valid (kind, namespace
 * and name by the catalog's own rules, so no `/` or `..` in a name), in its
 * canonical form; undefined for anything else.
 *
 * @public
 */
export function canonicalEntityRef(text: string): string | undefined {
  let ref;
  try {
    ref = parseEntityRef(text);
  } catch {
    return undefined;
  }
  if (
    !validator.isValidKind(ref.kind) ||
    !validator.isValidNamespace(ref.namespace) ||
    !validator.isValidEntityName(ref.name)
  ) {
    return undefined;
  }
  return stringifyEntityRef(ref);
}
