import {
  JsonSchema,
  PromiseApi,
  PromiseError,
  promiseApiOf,
  readPromiseDocuments,
} from '@homelab-portal/plugin-kratix-common';

/** One field of the request's spec, as a person reads it. */
export interface PromiseField {
  /** Dotted path under spec, `[]` for a list's items: `backup.retentionDays`. */
  path: string;
  /** `integer`, `text`, `list of text`, `one of 15, 16, 17`... */
  type: string;
  /** The default as YAML would write it, if there is one. */
  default?: string;
  required: boolean;
  description?: string;
  /** Limits in words: `1 to 200`, `at most 63 characters`. */
  limits: string[];
  /** A regular expression the value must match. */
  pattern?: string;
}

/** One pipeline Kratix runs, and when. */
export interface PromisePipeline {
  /** When it runs, in words: `On each request, when it is created or updated`. */
  when: string;
  name: string;
  containers: Array<{ name: string; image: string }>;
}

/** A Promise, as the Promise tab shows it. */
export interface PromiseDescription {
  name: string;
  /** `kratix.io/promise-version`, if labelled. */
  version?: string;
  description?: string;
  /** What a request for it is, or why it offers none. */
  api?: PromiseApi;
  apiProblem?: string;
  fields: PromiseField[];
  pipelines: PromisePipeline[];
  /** Destination label selectors, `environment=homelab`. */
  destinations: string[];
  /** Promises it needs, `postgresql (v1.0.0)`. */
  requiredPromises: string[];
  /** How many resources it installs with itself (spec.dependencies). */
  dependencies: number;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'integer',
  number: 'number',
  boolean: 'yes or no',
  object: 'object',
  array: 'list',
};

function typeOf(node: JsonSchema): string {
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    return `one of ${node.enum.map(v => String(v)).join(', ')}`;
  }
  if (node['x-kubernetes-int-or-string']) return 'integer or text';
  const types: string[] = Array.isArray(node.type)
    ? node.type
    : [node.type ?? (node.properties ? 'object' : 'any')];
  const words = types.map(t => TYPE_WORDS[t] ?? String(t));
  if (types.includes('array') && node.items && !Array.isArray(node.items)) {
    return `list of ${typeOf(node.items)}`;
  }
  if (node.format) return `${words.join(' or ')} (${node.format})`;
  return words.join(' or ');
}

function defaultOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function limitsOf(node: JsonSchema): string[] {
  const limits: string[] = [];
  const range = (min: unknown, max: unknown, unit = '') => {
    if (min !== undefined && max !== undefined) {
      limits.push(`${min} to ${max}${unit}`);
    } else if (min !== undefined) limits.push(`at least ${min}${unit}`);
    else if (max !== undefined) limits.push(`at most ${max}${unit}`);
  };
  range(node.minimum, node.maximum);
  range(node.minLength, node.maxLength, ' characters');
  range(node.minItems, node.maxItems, ' items');
  return limits;
}

/** The spec's fields, depth first, each nested object's fields after it. */
export function fieldsOf(spec: JsonSchema): PromiseField[] {
  const fields: PromiseField[] = [];
  const visit = (node: JsonSchema, prefix: string) => {
    const required: string[] = Array.isArray(node.required)
      ? node.required
      : [];
    for (const [name, child] of Object.entries(
      (node.properties ?? {}) as Record<string, JsonSchema>,
    )) {
      if (!child || typeof child !== 'object') continue;
      const path = prefix ? `${prefix}.${name}` : name;
      // An irregular key (`regex:` where OpenAPI says `pattern:`) still shows.
      const pattern = child.pattern ?? child.regex;
      fields.push({
        path,
        type: typeOf(child),
        default: defaultOf(child.default),
        required: required.includes(name),
        description:
          typeof child.description === 'string' ? child.description : undefined,
        limits: limitsOf(child),
        ...(typeof pattern === 'string' ? { pattern } : {}),
      });
      if (child.properties) visit(child, path);
      const items = child.items;
      if (items && !Array.isArray(items) && items.properties) {
        visit(items, `${path}[]`);
      }
    }
  };
  visit(spec, '');
  return fields;
}

const STAGES: Array<[string, string, string]> = [
  ['resource', 'configure', 'On each request, when it is created or updated'],
  ['resource', 'delete', 'On each request, when it is deleted'],
  ['promise', 'configure', 'When the Promise is installed or updated'],
  ['promise', 'delete', 'When the Promise is removed'],
];

/** The pipelines of a Promise's workflows, in the order they run. */
export function pipelinesOf(promise: JsonSchema): PromisePipeline[] {
  const workflows = promise.spec?.workflows ?? {};
  const pipelines: PromisePipeline[] = [];
  for (const [scope, action, when] of STAGES) {
    const list = workflows?.[scope]?.[action];
    if (!Array.isArray(list)) continue;
    for (const pipeline of list) {
      const containers = Array.isArray(pipeline?.spec?.containers)
        ? pipeline.spec.containers
        : [];
      pipelines.push({
        when,
        name: String(pipeline?.metadata?.name ?? '(unnamed)'),
        containers: containers.map((c: JsonSchema) => ({
          name: String(c?.name ?? '(unnamed)'),
          image: String(c?.image ?? '(no image)'),
        })),
      });
    }
  }
  return pipelines;
}

/**
 * A Promise's definition (the API entity's YAML) in readable parts: what it
 * offers, the request's fields, the pipelines and where it installs.
 * Throws PromiseError when the text holds no Promise.
 */
export function describePromise(definition: string): PromiseDescription {
  const [promise] = readPromiseDocuments(definition);
  if (!promise) {
    throw new PromiseError(
      'the definition holds no Kratix Promise (kind Promise, apiVersion platform.kratix.io/...)',
    );
  }
  const metadata = promise.metadata ?? {};
  const annotations: Record<string, string> = metadata.annotations ?? {};
  let api: PromiseApi | undefined;
  let apiProblem: string | undefined;
  try {
    api = promiseApiOf(promise);
  } catch (error) {
    if (!(error instanceof PromiseError)) throw error;
    apiProblem = error.message;
  }
  const selectors: JsonSchema[] = Array.isArray(
    promise.spec?.destinationSelectors,
  )
    ? promise.spec.destinationSelectors
    : [];
  return {
    name: String(metadata.name ?? '(unnamed)'),
    version: metadata.labels?.['kratix.io/promise-version'],
    description:
      annotations['homelab-portal.io/description'] ??
      annotations['kratix.io/description'],
    api,
    apiProblem,
    fields: api ? fieldsOf(api.specSchema) : [],
    pipelines: pipelinesOf(promise),
    destinations: selectors.flatMap(s =>
      Object.entries((s?.matchLabels ?? {}) as Record<string, string>).map(
        ([key, value]) => `${key}=${value}`,
      ),
    ),
    requiredPromises: (Array.isArray(promise.spec?.requiredPromises)
      ? promise.spec.requiredPromises
      : []
    ).map((p: JsonSchema) =>
      p?.version ? `${p.name} (${p.version})` : String(p?.name),
    ),
    dependencies: Array.isArray(promise.spec?.dependencies)
      ? promise.spec.dependencies.length
      : 0,
  };
}
