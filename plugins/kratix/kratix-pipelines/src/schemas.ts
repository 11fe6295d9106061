import { InputError } from '@backstage/errors';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { re2RegExp } from './re2';

/** What every pipeline outputs: a Kubernetes object. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

// any: kubernetes-models' constructors take any data and validate it
type ModelClass = new (data: any) => { validate(): void };

/** Kubernetes' own kinds, checked with kubernetes-models' schemas. */
const builtIns: Record<string, ModelClass> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

/**
 * The CRDs the pipelines output, as their projects publish them (vendored
 * unchanged under schemas/, see schemas/README.md).
 */
const crdFiles: Record<string, string> = {
  'postgresql.cnpg.io/v1/Cluster': 'postgresql.cnpg.io_clusters.yaml',
  'postgresql.cnpg.io/v1/ScheduledBackup':
    'postgresql.cnpg.io_scheduledbackups.yaml',
  'external-secrets.io/v1/ExternalSecret':
    'external-secrets.io_externalsecrets.yaml',
  'external-secrets.io/v1alpha1/PushSecret':
    'external-secrets.io_pushsecrets.yaml',
  'generators.external-secrets.io/v1alpha1/Password':
    'generators.external-secrets.io_passwords.yaml',
  'cert-manager.io/v1/Certificate': 'cert-manager.io_certificates.yaml',
};

// src/ and the built dist/ are both one level below the package.
// eslint-disable-next-line no-restricted-syntax
export const schemasDir = path.resolve(__dirname, '../schemas');

/**
 * The API server's structural schemas prune unknown fields, and
 * `kubectl --validate=strict` refuses them. Do the same: an object node that
 * lists its properties and neither allows others nor preserves unknown
 * fields gets `additionalProperties: false`, so a misspelt field fails here
 * instead of vanishing in the cluster.
 */
export function strictSchema(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(strictSchema);
  }
  if (!node || typeof node !== 'object') {
    return node;
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    result[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, strictSchema(v)]),
          )
        : strictSchema(value);
  }
  if (
    result.properties &&
    !('additionalProperties' in result) &&
    !result['x-kubernetes-preserve-unknown-fields']
  ) {
    result.additionalProperties = false;
  }
  return result;
}

const ajv = new Ajv({
  strict: false,
  allErrors: true,
  // The CRDs' formats (int32, date-time, ...) describe Go types.
  validateFormats: false,
  code: { regExp: re2RegExp },
});
type Check = (value: unknown) => ErrorObject[];
const compiled = new Map<string, Check>();

/**
 * Compiles a CRD's schema in parts: the root with `spec`'s own rules
 * (required fields, unknown fields), then each field of `spec` when an
 * object first uses it. Every field present is checked against its full
 * schema, but CloudNativePG's 470 kB Cluster schema is not compiled whole
 * (seconds) to check the five fields a pipeline sets.
 */
// any: a CRD's openAPIV3Schema, an open JSON Schema document
function compileCrd(schema: any): Check {
  const spec = schema.properties?.spec;
  if (!spec?.properties) {
    const validate = ajv.compile(schema);
    return value => (validate(value) ? [] : validate.errors ?? []);
  }
  const root = ajv.compile({
    ...schema,
    properties: {
      ...schema.properties,
      spec: {
        ...spec,
        properties: Object.fromEntries(
          Object.keys(spec.properties).map(key => [key, {}]),
        ),
      },
    },
  });
  const parts = new Map<string, ValidateFunction>();
  // any: any object, validated here
  return (value: any) => {
    if (!root(value)) {
      return root.errors ?? [];
    }
    const errors: ErrorObject[] = [];
    for (const [key, field] of Object.entries(
      (value as { spec?: Record<string, unknown> }).spec ?? {},
    )) {
      let validate = parts.get(key);
      if (!validate) {
        validate = ajv.compile(spec.properties[key]);
        parts.set(key, validate);
      }
      if (!validate(field)) {
        errors.push(
          ...(validate.errors ?? []).map(e => ({
            ...e,
            instancePath: `/spec/${key}${e.instancePath}`,
          })),
        );
      }
    }
    return errors;
  };
}

function crdValidator(key: string): Check | undefined {
  const file = crdFiles[key];
  if (!file) {
    return undefined;
  }
  let check = compiled.get(key);
  if (!check) {
    const crd = parse(fs.readFileSync(path.join(schemasDir, file), 'utf8'));
    const version = key.split('/').slice(-2)[0];
    const served = crd.spec.versions.find(
      (v: { name: string; served: boolean }) => v.name === version && v.served,
    );
    if (!served) {
      throw new Error(`${file} serves no version ${version}`);
    }
    check = compileCrd(strictSchema(served.schema.openAPIV3Schema));
    compiled.set(key, check);
  }
  return check;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map(e => {
      const extra =
        e.keyword === 'additionalProperties'
          ? ` (${
              (e.params as { additionalProperty: string }).additionalProperty
            })`
          : '';
      return `${e.instancePath || '/'} ${e.message}${extra}`;
    })
    .join('; ');
}

/** RFC 1123 label: what a Service, a namespace or a label value may be. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * Checks one output against its real schema: kubernetes-models for
 * Kubernetes' kinds, the vendored CRD for the others, and the metadata
 * rules every kind shares. Throws an InputError naming the object.
 */
export function validateObject(object: KubeObject): void {
  const key = `${object.apiVersion}/${object.kind}`;
  const what = `${object.kind} ${object.metadata?.name}`;
  const { name, namespace, labels = {} } = object.metadata ?? {};
  if (typeof name !== 'string' || !DNS_LABEL.test(name)) {
    throw new InputError(
      `${what}: metadata.name ${JSON.stringify(name)} is not an RFC 1123 label`,
    );
  }
  if (typeof namespace !== 'string' || !DNS_LABEL.test(namespace)) {
    throw new InputError(`${what}: metadata.namespace is missing or invalid`);
  }
  for (const [k, v] of Object.entries(labels)) {
    if (!LABEL_KEY.test(k) || typeof v !== 'string' || !LABEL_VALUE.test(v)) {
      throw new InputError(`${what}: label ${k}=${v} is not valid`);
    }
  }
  const Builtin = builtIns[key];
  if (Builtin) {
    try {
      new Builtin(object).validate();
    } catch (error) {
      throw new InputError(
        `${what} is not a valid ${key}: ${(error as Error).message}`,
      );
    }
    return;
  }
  const check = crdValidator(key);
  if (!check) {
    throw new InputError(`${what}: no schema is known for ${key}`);
  }
  const errors = check(object);
  if (errors.length > 0) {
    throw new InputError(`${what} is not a valid ${key}: ${describe(errors)}`);
  }
}
