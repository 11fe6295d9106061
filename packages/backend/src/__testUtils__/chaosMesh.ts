import { FIXTURES_DIR } from '@homelab-portal/test-utils/fixtures';
import Ajv, { ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * For tests: Chaos Mesh's own CRDs (PodChaos, NetworkChaos, StressChaos,
 * IOChaos, TimeChaos, DNSChaos, HTTPChaos, Schedule, Workflow) from the
 * shared fixtures, each version's openAPIV3Schema compiled with Ajv (strict
 * false, as the Kubernetes API server ignores keywords it does not know).
 */
export const CHAOS_MESH_CRDS_DIR = path.join(FIXTURES_DIR, 'chaos-mesh/crds');
export const CHAOS_MESH_EXAMPLES_DIR = path.join(
  FIXTURES_DIR,
  'chaos-mesh/examples',
);

/**
 * OpenAPI 3.0 (what CRDs use) to the JSON Schema Ajv reads: a boolean
 * exclusiveMinimum/exclusiveMaximum qualifies minimum/maximum, nullable
 * allows null, and an object with known properties has no others (a
 * structural schema's pruning).
 */
function toJsonSchema(schema: any): any {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, toJsonSchema(v)]),
  );
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (typeof out[exclusive] === 'boolean') {
      if (out[exclusive] && typeof out[bound] === 'number') {
        out[exclusive] = out[bound];
        delete out[bound];
      } else {
        delete out[exclusive];
      }
    }
  }
  // The API server prunes fields its schema does not know (or refuses them,
  // with strict field validation): a misspelt field would silently vanish.
  if (
    out.type === 'object' &&
    out.properties &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  if (out.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  }
  return out;
}

let validators: Map<string, ValidateFunction> | undefined;

function chaosMeshValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const files = fs.existsSync(CHAOS_MESH_CRDS_DIR)
    ? fs.readdirSync(CHAOS_MESH_CRDS_DIR).filter(f => f.endsWith('.yaml'))
    : [];
  if (files.length === 0) {
    const error = new Error(
      `fixtures missing: ${CHAOS_MESH_CRDS_DIR} (the tests need /work/shared/fixtures, see README)`,
    );
    // one line, not a stack trace into this file
    error.stack = error.message;
    throw error;
  }
  validators = new Map();
  for (const file of files) {
    const crd = parse(
      fs.readFileSync(path.join(CHAOS_MESH_CRDS_DIR, file), 'utf8'),
    );
    for (const version of crd.spec.versions) {
      const ajv = new Ajv({
        strict: false,
        allErrors: true,
        validateFormats: false,
      });
      validators.set(
        `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`,
        ajv.compile(toJsonSchema(version.schema.openAPIV3Schema)),
      );
    }
  }
  return validators;
}

/** The Chaos Mesh kinds the CRDs define, as `apiVersion kind`. */
export function chaosMeshKinds(): string[] {
  return [...chaosMeshValidators().keys()].sort();
}

/** Whether the object is a Chaos Mesh object (its API group). */
export function isChaosMesh(document: any): boolean {
  return (
    typeof document?.apiVersion === 'string' &&
    document.apiVersion.startsWith('chaos-mesh.org/')
  );
}

const DNS_1123_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Checks a Chaos Mesh object against its CRD's schema, as the API server
 * would on apply; throws with Ajv's errors when it is not valid, or when no
 * CRD defines its kind. The schema leaves metadata open, so its name is
 * checked as the API server does (a DNS-1123 subdomain).
 */
export function validateChaosMesh(document: any): void {
  const key = `${document?.apiVersion} ${document?.kind}`;
  const validate = chaosMeshValidators().get(key);
  if (!validate) {
    throw new Error(`No Chaos Mesh CRD defines ${key}`);
  }
  const kind: string = document.kind;
  const name: unknown = document.metadata?.name;
  if (!validate(document)) {
    throw new Error(`Not a valid ${kind}: ${JSON.stringify(validate.errors)}`);
  }
  if (typeof name !== 'string' || !DNS_1123_SUBDOMAIN.test(name)) {
    throw new Error(
      `Not a valid ${kind}: metadata.name ${JSON.stringify(
        name,
      )} is not a DNS-1123 subdomain`,
    );
  }
}
