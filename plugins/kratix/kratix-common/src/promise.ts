import { parseAllDocuments } from 'yaml';

/** A JSON schema node as CRDs write them (OpenAPI v3 with Kubernetes extensions). */
// any: a JSON Schema is an open, recursive document
export type JsonSchema = { [key: string]: any };

/** What a resource request for a Promise needs to know about its API. */
export interface PromiseApi {
  /** The Promise's name (metadata.name). */
  promiseName: string;
  group: string;
  /** The version requests are written in: the storage version, else the first served one. */
  version: string;
  kind: string;
  plural: string;
  /** The schema of the request's `spec`, as the Promise declares it. */
  specSchema: JsonSchema;
  /** Whether the CRD is namespaced (Kratix resource requests normally are). */
  namespaced: boolean;
}

/** Why a document cannot be requested. */
export class PromiseError extends Error {
  name = 'PromiseError';
}

function crdOf(document: JsonSchema): { crd: JsonSchema; promiseName: string } {
  if (document?.kind === 'Promise') {
    const crd = document.spec?.api;
    const promiseName = document.metadata?.name ?? '(unnamed)';
    if (!crd) {
      throw new PromiseError(
        `Promise ${promiseName} has no spec.api: it installs software but offers nothing to request`,
      );
    }
    return { crd, promiseName };
  }
  if (document?.kind === 'CustomResourceDefinition') {
    return {
      crd: document,
      promiseName: document.metadata?.name ?? '(unnamed)',
    };
  }
  throw new PromiseError(
    `expected a Kratix Promise or its CustomResourceDefinition, got kind ${JSON.stringify(
      document?.kind,
    )}`,
  );
}

/** Reads the API a Promise offers from a parsed Promise or CRD document. */
export function promiseApiOf(document: JsonSchema): PromiseApi {
  const { crd, promiseName } = crdOf(document);
  const spec = crd.spec ?? {};
  const versions: JsonSchema[] = spec.versions ?? [];
  const version =
    versions.find(v => v.storage && v.served !== false) ??
    versions.find(v => v.served !== false);
  if (!spec.group || !spec.names?.kind || !version?.name) {
    throw new PromiseError(
      `Promise ${promiseName}: its API has no group, kind or served version`,
    );
  }
  const specSchema = version.schema?.openAPIV3Schema?.properties?.spec;
  if (!specSchema) {
    throw new PromiseError(
      `Promise ${promiseName}: version ${version.name} has no openAPIV3Schema for spec`,
    );
  }
  return {
    promiseName,
    group: spec.group,
    version: version.name,
    kind: spec.names.kind,
    plural: spec.names.plural ?? `${spec.names.kind.toLowerCase()}s`,
    specSchema,
    namespaced: (spec.scope ?? 'Namespaced') === 'Namespaced',
  };
}

/** Parses YAML text holding a Promise (the first Promise or CRD document in it). */
export function parsePromiseYaml(text: string): PromiseApi {
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new PromiseError(`YAML: ${document.errors[0].message}`);
    }
  }
  const parsed = documents
    .map(document => document.toJS({ maxAliasCount: 100 }))
    .filter(Boolean);
  const candidate =
    parsed.find(d => d?.kind === 'Promise') ??
    parsed.find(d => d?.kind === 'CustomResourceDefinition') ??
    parsed[0];
  return promiseApiOf(candidate);
}

/** All documents in a YAML text, parsed; throws PromiseError on YAML errors. */
function parseDocuments(text: string): JsonSchema[] {
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new PromiseError(`YAML: ${document.errors[0].message}`);
    }
  }
  return documents
    .map(document => document.toJS({ maxAliasCount: 100 }))
    .filter(Boolean);
}

/** The Promise documents (kind Promise) in a YAML text. */
export function readPromiseDocuments(text: string): JsonSchema[] {
  return parseDocuments(text).filter(
    d =>
      d?.kind === 'Promise' && d?.apiVersion?.startsWith('platform.kratix.io/'),
  );
}
