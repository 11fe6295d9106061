import Ajv, { ErrorObject } from 'ajv';
import { PromiseApi } from './promise';
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
});

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
 * RequestValidationError naming every bad field. Returns the notes on any
 * irregularity in the Promise's schema too.
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

  const { schema, notes } = normalizeSpecSchema(api.specSchema);
  // Validation fills in defaults; work on a copy made of plain JSON, which
  // also drops prototype-polluting keys' special meaning.
  const spec = JSON.parse(JSON.stringify(options.parameters ?? {}));
  const validate = ajv.compile(schema);
  try {
    if (!validate(spec)) {
      for (const error of validate.errors ?? []) {
        problems.push({ field: fieldOf(error), message: messageOf(error) });
      }
    }
  } finally {
    // Each call compiles a fresh schema object; do not let Ajv's cache grow.
    ajv.removeSchema(schema);
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
    notes,
  };
}
