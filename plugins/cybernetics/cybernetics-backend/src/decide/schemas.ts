import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import Ajv, { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';

let veleroSchedule: ValidateFunction | undefined;

/**
 * Velero's own Schedule schema (velero.io/v1), copied unchanged from its CRD
 * (schemas/velero.io_schedules.v1.json, which a test holds equal to the
 * shared fixture).
 */
function veleroScheduleValidator(): ValidateFunction {
  if (!veleroSchedule) {
    const file = resolvePackagePath(
      '@homelab-portal/plugin-cybernetics-backend',
      'schemas/velero.io_schedules.v1.json',
    );
    const { openAPIV3Schema } = JSON.parse(readFileSync(file, 'utf8'));
    veleroSchedule = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: false,
    }).compile(openAPIV3Schema);
  }
  return veleroSchedule;
}

const DNS_1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

// any: an advisor's or template's object, unchecked until here: read with optional chaining, then validated
function checkMetadata(what: string, object: any) {
  const name = object?.metadata?.name;
  if (
    typeof name !== 'string' ||
    name.length > 253 ||
    !DNS_1123_SUBDOMAIN.test(name)
  ) {
    throw new InputError(`${what} has no valid metadata.name`);
  }
  const namespace = object?.metadata?.namespace;
  if (
    namespace !== undefined &&
    !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace)
  ) {
    throw new InputError(`${what} has an invalid metadata.namespace`);
  }
}

/** Refuses anything but a Velero Schedule valid against Velero's CRD. */
// any: unchecked input, validated against Velero's CRD here
export function assertVeleroSchedule(object: any, what: string) {
  if (object?.apiVersion !== 'velero.io/v1' || object?.kind !== 'Schedule') {
    throw new InputError(`${what} is not a Velero Schedule (velero.io/v1)`);
  }
  checkMetadata(what, object);
  const validate = veleroScheduleValidator();
  if (!validate(object)) {
    throw new InputError(
      `${what} is not a valid Velero Schedule: ${(validate.errors ?? [])
        .slice(0, 3)
        .map(e => `${e.instancePath || '(root)'} ${e.message}`)
        .join('; ')}`,
    );
  }
}

/**
 * Refuses anything but a cert-manager Certificate (cert-manager.io/v1)
 * valid against cert-manager's schema (@kubernetes-models/cert-manager,
 * generated from cert-manager's CRDs).
 */
// any: unchecked input, validated against cert-manager's schema here
export function assertCertificate(object: any, what: string) {
  if (
    object?.apiVersion !== 'cert-manager.io/v1' ||
    object?.kind !== 'Certificate'
  ) {
    throw new InputError(
      `${what} is not a cert-manager Certificate (cert-manager.io/v1)`,
    );
  }
  checkMetadata(what, object);
  try {
    new Certificate(object).validate();
  } catch (error) {
    throw new InputError(
      `${what} is not a valid cert-manager Certificate: ${String(
        (error as Error).message,
      ).slice(0, 300)}`,
    );
  }
}

/** Go's time.ParseDuration units, as cert-manager reads spec.duration. */
const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds in a Go duration ("2160h", "1h30m"), or undefined if it is none. */
export function parseGoDuration(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const parts = value.match(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g);
  if (!parts || parts.join('') !== value) return undefined;
  return parts.reduce((total, part) => {
    const [, n, unit] = /^(\d+(?:\.\d+)?)(\D+)$/.exec(part)!;
    return total + Number(n) * UNITS[unit];
  }, 0);
}

/** A Go duration in whole hours and minutes ("2159h", "90h30m"). */
export function formatGoDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h > 0 ? `${h}h` : ''}${m > 0 || h === 0 ? `${m}m` : ''}`;
}

/** Kubernetes resource quantities, as the API server accepts them. */
const QUANTITY =
  /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function assertQuantity(value: string, what: string) {
  if (!QUANTITY.test(value)) {
    throw new InputError(`${what}: "${value}" is not a Kubernetes quantity`);
  }
}
