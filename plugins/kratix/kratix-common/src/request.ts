import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { JsonSchema, PromiseApi, PromiseError } from './promise';
import { re2RegExp } from './re2';
import { SchemaNote, normalizeSpecSchema } from './schema';

/** A Kratix resource request, as the object to serialise. */
export interface ResourceRequest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: Record<string, unknown>;
}

/** One field that does not satisfy the Promise's schema. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The parameters do not satisfy the Promise's schema. */
export class RequestValidationError extends Error {
  name = 'RequestValidationError';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map(p => `${p.field}: ${p.message}`).join('; '));
  }
}

// Kubernetes object names: a DNS-1123 subdomain for the name (we require the
// stricter label form, which every Kratix pipeline accepts), a label for the
// namespace.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const ajv = new Ajv({
  allErrors: true,
  useDefaults: true,
  strict: false,
  validateFormats: false,
  // A Promise's patterns come from the catalog: match them in linear time.
  code: { regExp: re2RegExp },
});

type CompiledSchema = {
  /** The Promise's API version and spec schema, to rule out hash collisions. */
  source: string;
  schema: JsonSchema;
  validate: ValidateFunction;
  notes: SchemaNote[];
};

/** How many Promise versions keep a compiled validator (least recently used go first). */
export const COMPILED_SCHEMA_CACHE_SIZE = 100;
const compiled = new Map<string, CompiledSchema>();

// FNV-1a, 32 bits: a short cache key; the entry keeps the full source to compare.
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(16);
}

/**
 * The Promise's normalised schema and its validator, compiled once per
 * Promise version and spec schema rather than once per request.
 */
function compiledSchemaOf(api: PromiseApi): CompiledSchema {
  const source = JSON.stringify([
    api.group,
    api.version,
    api.kind,
    api.specSchema,
  ]);
  const key = `${api.promiseName}\u0000${hashOf(source)}`;
  const cached = compiled.get(key);
  if (cached && cached.source === source) {
    // Most recently used last.
    compiled.delete(key);
    compiled.set(key, cached);
    return cached;
  }
  const { schema, notes } = normalizeSpecSchema(api.specSchema);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    ajv.removeSchema(schema);
    throw new PromiseError(
      `Promise ${api.promiseName}: its schema cannot be checked: ${
        (error as Error).message
      }`,
    );
  }
  if (cached) forget(key);
  compiled.set(key, { source, schema, validate, notes });
  while (compiled.size > COMPILED_SCHEMA_CACHE_SIZE) {
    forget(compiled.keys().next().value as string);
  }
  return compiled.get(key)!;
}

function forget(key: string) {
  const entry = compiled.get(key);
  if (entry) {
    ajv.removeSchema(entry.schema);
    compiled.delete(key);
  }
}

function fieldOf(error: ErrorObject): string {
  const path = `spec${error.instancePath
    .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
    .replace(/\//g, '.')}`;
  if (error.keyword === 'required') {
    return `${path}.${
      (error.params as { missingProperty: string }).missingProperty
    }`;
  }
  if (error.keyword === 'additionalProperties') {
    return `${path}.${
      (error.params as { additionalProperty: string }).additionalProperty
    }`;
  }
  return path;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return "is not in the Promise's schema";
    case 'enum':
      return `must be one of ${(
        error.params as { allowedValues: unknown[] }
      ).allowedValues
        .map(v => JSON.stringify(v))
        .join(', ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/**
 * Builds a resource request for a Promise: the parameters become its spec,
 * with the schema's defaults filled in, and are checked against the schema
 * (types, enums, patterns, required and nested fields). Throws
 * RequestValidationError naming every bad field, and PromiseError when the
 * Promise's schema cannot be compiled. Returns the notes on any irregularity
 * in the Promise's schema too. Patterns are matched with RE2.
 */
export function buildResourceRequest(
  api: PromiseApi,
  options: {
    name: string;
    namespace?: string;
    parameters: Record<string, unknown>;
  },
): { request: ResourceRequest; notes: SchemaNote[] } {
  const problems: FieldProblem[] = [];
  if (!DNS_LABEL.test(options.name)) {
    problems.push({
      field: 'metadata.name',
      message:
        'must be a DNS label: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
    });
  }
  const namespace = api.namespaced ? options.namespace ?? 'default' : undefined;
  if (namespace !== undefined && !DNS_LABEL.test(namespace)) {
    problems.push({
      field: 'metadata.namespace',
      message: 'must be a DNS label',
    });
  }

  const { validate, notes } = compiledSchemaOf(api);
  // Validation fills in defaults; work on a copy made of plain JSON, which
  // also drops prototype-polluting keys' special meaning.
  const spec = JSON.parse(JSON.stringify(options.parameters ?? {}));
  if (!validate(spec)) {
    for (const error of validate.errors ?? []) {
      problems.push({ field: fieldOf(error), message: messageOf(error) });
    }
  }
  if (problems.length > 0) {
    throw new RequestValidationError(problems);
  }
  return {
    request: {
      apiVersion: `${api.group}/${api.version}`,
      kind: api.kind,
      metadata: { name: options.name, ...(namespace ? { namespace } : {}) },
      spec,
    },
    notes: [...notes],
  };
}
