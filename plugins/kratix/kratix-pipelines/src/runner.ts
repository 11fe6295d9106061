import { InputError } from '@backstage/errors';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { OutputFile, PipelineDirs, readObject, writeResults } from './contract';
import { homelab } from './homelab';
import { re2RegExp } from './re2';
import { DNS_LABEL, KubeObject, validateObject } from './schemas';
import { strictSchema } from './schemas';

/** A resource request that passed its Promise's schema, defaults applied. */
export interface ResourceRequest<Spec> {
  name: string;
  namespace: string;
  spec: Spec;
}

/** What a pipeline turns a request into. */
export interface PipelineResult {
  objects: KubeObject[];
  /** copied by Kratix into the request's status */
  status: Record<string, unknown>;
}

/** One Promise's configure pipeline: a pure function of the request. */
export interface Pipeline<Spec = any> {
  /** the Promise's metadata.name, and its folder under promises/ */
  promise: string;
  build(request: ResourceRequest<Spec>): PipelineResult;
}

/**
 * Request names become object names with suffixes (`-tls`, `-backup-s3`,
 * a Job's hash...) that must stay RFC 1123 labels.
 */
export const MAX_REQUEST_NAME = 40;

/**
 * promises/ in the repository, and beside the package in the image. src/
 * and the built dist/ are both one level below the package, so the path is
 * the same from either.
 */
export const defaultPromisesDir = path.resolve(
  // eslint-disable-next-line no-restricted-syntax
  __dirname,
  '../../../../promises',
);

interface PromiseApi {
  group: string;
  version: string;
  kind: string;
  validateSpec: ReturnType<Ajv['compile']>;
}

const apis = new Map<string, PromiseApi>();

/** The request's API, read from the Promise the pipeline belongs to. */
export function loadPromiseApi(
  promisesDir: string,
  promise: string,
): PromiseApi {
  const file = path.join(promisesDir, promise, 'promise.yaml');
  const cached = apis.get(file);
  if (cached) {
    return cached;
  }
  const document = parse(fs.readFileSync(file, 'utf8'));
  const crd = document?.spec?.api;
  const version = crd?.spec?.versions?.find(
    (v: { storage?: boolean }) => v.storage,
  );
  const specSchema = version?.schema?.openAPIV3Schema?.properties?.spec;
  if (!crd?.spec?.group || !version || !specSchema) {
    throw new Error(`${file} has no API with a storage version and a spec`);
  }
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    useDefaults: true,
    code: { regExp: re2RegExp },
  });
  const api: PromiseApi = {
    group: crd.spec.group,
    version: version.name,
    kind: crd.spec.names.kind,
    // Unknown fields are refused, as the API server would prune them.
    validateSpec: ajv.compile(strictSchema(specSchema) as object),
  };
  apis.set(file, api);
  return api;
}

/** Checks the request's identity and spec; returns it with defaults. */
export function checkRequest<Spec>(
  // any: a request object of any Promise's kind, validated by its CRD schema
  object: any,
  api: PromiseApi,
): ResourceRequest<Spec> {
  const expected = `${api.group}/${api.version}`;
  if (object.apiVersion !== expected || object.kind !== api.kind) {
    throw new InputError(
      `the request is a ${object.apiVersion}/${object.kind}; this pipeline takes ${expected}/${api.kind}`,
    );
  }
  const { name, namespace } = object.metadata ?? {};
  if (
    typeof name !== 'string' ||
    !DNS_LABEL.test(name) ||
    name.length > MAX_REQUEST_NAME
  ) {
    throw new InputError(
      `metadata.name ${JSON.stringify(
        name,
      )} must be an RFC 1123 label of at most ${MAX_REQUEST_NAME} characters`,
    );
  }
  if (typeof namespace !== 'string' || !DNS_LABEL.test(namespace)) {
    throw new InputError(
      `metadata.namespace ${JSON.stringify(
        namespace,
      )} must be an RFC 1123 label`,
    );
  }
  if ((homelab.reservedNamespaces as readonly string[]).includes(namespace)) {
    throw new InputError(`requests in namespace ${namespace} are refused`);
  }
  const spec = structuredClone(object.spec ?? {});
  if (!api.validateSpec(spec)) {
    const problems = (api.validateSpec.errors ?? [])
      .slice(0, 5)
      .map(e => {
        const extra =
          e.keyword === 'additionalProperties'
            ? ` (${
                (e.params as { additionalProperty: string }).additionalProperty
              })`
            : '';
        return `spec${e.instancePath} ${e.message}${extra}`;
      })
      .join('; ');
    throw new InputError(`the request does not match the Promise: ${problems}`);
  }
  return { name, namespace, spec: spec as Spec };
}

export interface RunOptions {
  dirs: PipelineDirs;
  promisesDir?: string;
}

/**
 * Runs a pipeline: read, check, build, validate every output against its
 * schema, then write. Any failure throws before anything is written.
 */
export async function runPipeline(
  pipeline: Pipeline,
  options: RunOptions,
): Promise<{ files: string[]; result: PipelineResult }> {
  const api = loadPromiseApi(
    options.promisesDir ?? defaultPromisesDir,
    pipeline.promise,
  );
  const object = await readObject(options.dirs);
  const request = checkRequest(object, api);
  const result = pipeline.build(request);
  const seen = new Set<string>();
  const outputs: OutputFile[] = [];
  for (const output of result.objects) {
    validateObject(output);
    const id = `${output.kind}-${output.metadata.namespace}-${output.metadata.name}`;
    const fileName = `${pipeline.promise}-${id}`.toLowerCase();
    if (seen.has(fileName)) {
      throw new InputError(`two outputs are both ${id}`);
    }
    seen.add(fileName);
    outputs.push({ name: `${fileName}.yaml`, documents: [output] });
  }
  const files = await writeResults(options.dirs, outputs, result.status);
  return { files, result };
}
