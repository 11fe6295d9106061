import { JsonSchema } from './promise';
import { re2Refusal } from './re2';

/** Something irregular in a Promise's schema, and what was done about it. */
export interface SchemaNote {
  /** Dotted path of the schema node, e.g. `spec.name`. */
  field: string;
  message: string;
}

/**
 * Turns a Promise's `spec` schema into one a validator can enforce the way
 * the Kubernetes API server would, and reports every irregularity instead of
 * dropping it:
 * - `regex` (seen in real Promises) is read as OpenAPI's `pattern`; a
 *   Python-style `{,n}` quantifier becomes `{0,n}`; a pattern that RE2 (the
 *   API server's engine, and ours: linear time) refuses, such as a
 *   lookahead, is left unenforced and reported;
 * - objects without `x-kubernetes-preserve-unknown-fields` refuse unknown
 *   fields, as the API server prunes them (silently; we say so instead).
 */
export function normalizeSpecSchema(schema: JsonSchema): {
  schema: JsonSchema;
  notes: SchemaNote[];
} {
  const notes: SchemaNote[] = [];

  const visit = (node: JsonSchema, path: string): JsonSchema => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') {
        out.properties = Object.fromEntries(
          Object.entries(value).map(([name, child]) => [
            name,
            visit(child as JsonSchema, `${path}.${name}`),
          ]),
        );
      } else if (key === 'items') {
        out.items = visit(value as JsonSchema, `${path}[]`);
      } else if (key === 'additionalProperties' && typeof value === 'object') {
        out.additionalProperties = visit(value as JsonSchema, `${path}.*`);
      } else if (key === 'regex') {
        // handled below, with pattern
      } else {
        out[key] = value;
      }
    }

    const rawPattern = node.pattern ?? node.regex;
    if (node.regex !== undefined && node.pattern === undefined) {
      notes.push({
        field: path,
        message: 'uses "regex", which OpenAPI does not know; read as "pattern"',
      });
    }
    if (typeof rawPattern === 'string') {
      let pattern = rawPattern;
      if (/\{,\d+\}/.test(pattern)) {
        pattern = pattern.replace(/\{,(\d+)\}/g, '{0,$1}');
        notes.push({
          field: path,
          message: `pattern quantifier "{,n}" is not ECMAScript; read as "{0,n}"`,
        });
      }
      const refusal = re2Refusal(pattern);
      if (refusal === undefined) {
        out.pattern = pattern;
      } else {
        delete out.pattern;
        notes.push({
          field: path,
          message: `pattern ${JSON.stringify(
            rawPattern,
          )} is not a valid regular expression (RE2, the API server's engine, refuses it: ${refusal}); it is not enforced`,
        });
      }
    }

    const isObject =
      node.type === 'object' || (node.type === undefined && node.properties);
    if (
      isObject &&
      node.properties &&
      node.additionalProperties === undefined &&
      !node['x-kubernetes-preserve-unknown-fields']
    ) {
      out.additionalProperties = false;
    }
    return out;
  };

  return { schema: visit(schema, 'spec'), notes };
}
