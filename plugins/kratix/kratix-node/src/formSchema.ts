/**
 * A Promise's request schema as a form: react-jsonschema-form's schema,
 * plain-words titles, and the Promise documents read from YAML.
 */
import {
  JsonSchema,
  SchemaNote,
  normalizeSpecSchema,
} from '@homelab-portal/plugin-kratix-common';

/** Why a schema cannot become a form. */
export class TemplateError extends Error {
  name = 'TemplateError';
}

/**
 * A JSON schema turned into a react-jsonschema-form schema, with notes on what changed.
 *
 * A Promise's `pattern` is shown as help, not put in the form's schema: the
 * scaffolder checks a form's schema with ECMAScript's backtracking engine, in
 * the browser and again in the backend, where a pattern such as `(a|a)*$` and
 * a long value would stall the event loop. `kratix:request` enforces it with
 * RE2 instead, as the API server would.
 */
export function formSchemaOf(specSchema: JsonSchema): {
  schema: JsonSchema;
  notes: SchemaNote[];
} {
  const { schema: normalized, notes } = normalizeSpecSchema(specSchema);
  const TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean'];

  const visit = (node: JsonSchema, path: string): JsonSchema => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      throw new TemplateError(`${path}: its schema is not an object`);
    }
    if (node.$ref) {
      throw new TemplateError(
        `${path}: "$ref" is not allowed in a CRD schema, so the form cannot follow it`,
      );
    }
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-kubernetes-')) continue;
      if (key === 'properties') {
        out.properties = Object.fromEntries(
          Object.entries(value as JsonSchema).map(([name, child]) => [
            name,
            visit(child as JsonSchema, `${path}.${name}`),
          ]),
        );
      } else if (key === 'items') {
        if (Array.isArray(value)) {
          throw new TemplateError(
            `${path}: tuple "items" (a list of schemas) cannot be a form field`,
          );
        }
        out.items = visit(value as JsonSchema, `${path}[]`);
      } else if (
        key === 'additionalProperties' &&
        value &&
        typeof value === 'object'
      ) {
        out.additionalProperties = visit(value as JsonSchema, `${path}.*`);
      } else if (['oneOf', 'anyOf', 'allOf'].includes(key)) {
        out[key] = (value as JsonSchema[]).map((child, i) =>
          visit(child, `${path}(${key}[${i}])`),
        );
      } else if (key === 'example') {
        // OpenAPI's example: the form shows it as a placeholder.
        if (['string', 'number', 'boolean'].includes(typeof value)) {
          out['ui:placeholder'] = String(value);
        }
        out.examples = [value];
      } else if (key === 'pattern') {
        out['ui:help'] = `Must match the regular expression ${value}`;
      } else if (key === 'nullable') {
        // rjsf has no nullable; an absent optional field is the same request.
      } else {
        out[key] = value;
      }
    }
    if (node['x-kubernetes-int-or-string']) {
      out.type = 'string';
      out.pattern ??= '^-?[0-9]+$|^[^0-9].*$';
      notes.push({
        field: path,
        message:
          'is int-or-string; the form takes it as text (numbers stay numbers only in YAML written by hand)',
      });
    }
    if (
      node['x-kubernetes-preserve-unknown-fields'] &&
      (node.type === 'object' || node.type === undefined) &&
      !node.properties
    ) {
      out.type = 'object';
      out.additionalProperties = { type: 'string' };
      notes.push({
        field: path,
        message:
          'keeps unknown fields and declares none; the form offers it as name/value pairs of text',
      });
    }
    if (out.type === undefined && !out.oneOf && !out.anyOf && !out.allOf) {
      if (out.properties) out.type = 'object';
      else {
        throw new TemplateError(
          `${path}: has no type and no properties, so no form field can hold it`,
        );
      }
    }
    const types = Array.isArray(out.type) ? out.type : [out.type];
    for (const type of types) {
      if (type !== undefined && !TYPES.includes(type)) {
        throw new TemplateError(
          `${path}: type ${JSON.stringify(type)} is not a JSON schema type`,
        );
      }
    }
    if (Array.isArray(out.required) && out.properties) {
      for (const name of out.required) {
        if (!(name in out.properties)) {
          throw new TemplateError(
            `${path}: requires "${name}", which it does not define`,
          );
        }
      }
    }
    return out;
  };

  return { schema: visit(normalized, 'spec'), notes };
}

export const titleOf = (name: string) =>
  name.replace(/[-_]+/g, ' ').replace(/^./, c => c.toUpperCase());

/** Unit suffixes of Kubernetes-style field names, as a form shows them. */
const UNIT_SUFFIXES: Array<[RegExp, string]> = [
  [/Mi$/, 'MiB'],
  [/Gi$/, 'GiB'],
  [/Ti$/, 'TiB'],
  [/Mb$/, 'MB'],
  [/Gb$/, 'GB'],
  [/Bytes$/, 'bytes'],
  [/Ms$/, 'ms'],
  [/Millis$/, 'ms'],
  [/Seconds$/, 'seconds'],
  [/Secs$/, 'seconds'],
  [/Minutes$/, 'minutes'],
  [/Hours$/, 'hours'],
  [/Days$/, 'days'],
  [/Percent$/, '%'],
];

/**
 * A form title for a schema field that has none, in plain words: `memoryMi`
 * becomes "Memory (MiB)", `retentionDays` "Retention (days)", `ownerRole`
 * "Owner role", `apiURL` "API URL".
 */
export function fieldTitleOf(name: string): string {
  let base = name;
  let unit: string | undefined;
  for (const [suffix, label] of UNIT_SUFFIXES) {
    if (suffix.test(base) && base.replace(suffix, '').length > 0) {
      base = base.replace(suffix, '');
      unit = label;
      break;
    }
  }
  const words = base
    .replace(/[-_.]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .map((word, index) => {
      if (/^[A-Z0-9]+$/.test(word) && word.length > 1) return word;
      const lower = word.toLocaleLowerCase('en-US');
      if (
        ['id', 'url', 'uri', 'dns', 'ip', 'tls', 'api', 'cpu'].includes(lower)
      ) {
        return lower === 'id' ? 'ID' : lower.toLocaleUpperCase('en-US');
      }
      return index === 0
        ? lower.replace(/^./, c => c.toLocaleUpperCase('en-US'))
        : lower;
    });
  const title = words.join(' ') || name;
  return unit ? `${title} (${unit})` : title;
}

/** A singular title for an array's items: "Ports" gives "Port". */
function itemTitleOf(arrayTitle: string): string {
  const plain = arrayTitle.replace(/\s*\(.*\)$/, '');
  if (/ies$/.test(plain)) return plain.replace(/ies$/, 'y');
  if (/(ss|us)$/.test(plain)) return plain;
  if (/s$/.test(plain)) return plain.replace(/s$/, '');
  return `${plain} entry`;
}

/**
 * Gives every field of a form schema a title in plain words (unless its
 * schema has one) and every array's items a title, so that the form does
 * not show raw field names or rjsf's "name-0" item labels.
 */
export function withPlainTitles(schema: JsonSchema, name?: string): JsonSchema {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    return schema;
  }
  const out: JsonSchema = { ...schema };
  if (name !== undefined && out.title === undefined) {
    out.title = fieldTitleOf(name);
  }
  if (out.properties && typeof out.properties === 'object') {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, JsonSchema>).map(
        ([child, value]) => [child, withPlainTitles(value, child)],
      ),
    );
  }
  if (out.items && typeof out.items === 'object' && !Array.isArray(out.items)) {
    const items = withPlainTitles(out.items);
    out.items = {
      ...items,
      title: items.title ?? itemTitleOf(String(out.title ?? name ?? 'Item')),
    };
  }
  if (
    out.additionalProperties &&
    typeof out.additionalProperties === 'object'
  ) {
    out.additionalProperties = withPlainTitles(out.additionalProperties);
  }
  return out;
}
