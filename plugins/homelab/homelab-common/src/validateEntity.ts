import { Entity } from '@backstage/catalog-model';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import ipaddr from 'ipaddr.js';
import { ANNOTATION_RUNS_ON, ANNOTATION_STORAGE_TIER } from './annotations';
import { resolveRef, splitRefs } from './refs';
import { homelabResourceSchemas } from './schemas';
import {
  HardwareSpec,
  HomelabResourceType,
  VlanSpec,
  isHomelabResource,
} from './types';
import { hasDangerousScheme, unsafeUrlReason } from './urls';

/** One thing wrong with an entity: the field and why. @public */
export interface HomelabProblem {
  /** Dotted path of the field, e.g. `spec.vlan.id`. */
  field: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
addFormats(ajv, ['ipv4', 'hostname']);

const validators = new Map<string, ValidateFunction>(
  Object.entries(homelabResourceSchemas).map(([type, schema]) => [
    type,
    ajv.compile(schema),
  ]),
);

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map(part => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string })
      .missingProperty;
    return path ? `${path}.${missing}` : missing;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string })
      .additionalProperty;
    return path ? `${path}.${extra}` : extra;
  }
  return path;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'enum':
      return `must be one of ${(
        error.params as { allowedValues: unknown[] }
      ).allowedValues
        .map(v => JSON.stringify(v))
        .join(', ')}`;
    case 'pattern': {
      const description = (error.parentSchema as { description?: string })
        ?.description;
      return description ? `must be ${description}` : 'has an invalid format';
    }
    default:
      return error.message ?? 'is invalid';
  }
}

/** Drops anyOf noise: the branch errors are reported once, as the anyOf. */
function schemaProblems(errors: ErrorObject[]): HomelabProblem[] {
  const anyOfPaths = new Set(
    errors.filter(e => e.keyword === 'anyOf').map(e => e.instancePath),
  );
  const seen = new Set<string>();
  const problems: HomelabProblem[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && anyOfPaths.has(error.instancePath)) {
      continue;
    }
    const problem =
      error.keyword === 'anyOf'
        ? { field: fieldOf(error), message: 'is not a valid value' }
        : { field: fieldOf(error), message: messageOf(error) };
    const key = `${problem.field}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function parseIpv4(address: string): ipaddr.IPv4 | undefined {
  return ipaddr.IPv4.isValidFourPartDecimal(address)
    ? ipaddr.IPv4.parse(address)
    : undefined;
}

/**
 * Parses an IPv4 CIDR that names a network (`10.0.20.0/24`, not
 * `10.0.20.7/24`). Returns the range, or why it is refused.
 * @public
 */
export function parseSubnet(
  cidr: string,
): { range: [ipaddr.IPv4, number] } | { error: string } {
  const [address, bits, ...rest] = cidr.split('/');
  if (
    rest.length > 0 ||
    !bits ||
    !/^\d{1,2}$/.test(bits) ||
    !parseIpv4(address)
  ) {
    return { error: `"${cidr}" is not an IPv4 CIDR such as 10.0.20.0/24` };
  }
  const prefix = Number(bits);
  if (prefix > 32) {
    return { error: `"${cidr}" has a prefix length over 32` };
  }
  const ip = parseIpv4(address)!;
  const network = ipaddr.IPv4.networkAddressFromCIDR(cidr);
  if (network.toString() !== ip.toString()) {
    return {
      error: `"${cidr}" is not a network address; did you mean ${network}/${prefix}?`,
    };
  }
  return { range: [ip, prefix] };
}

function toNumber(ip: ipaddr.IPv4): number {
  return ip.octets.reduce((n, octet) => n * 256 + octet, 0);
}

function vlanProblems(vlan: VlanSpec): HomelabProblem[] {
  const problems: HomelabProblem[] = [];
  const subnet = parseSubnet(vlan.subnet);
  if ('error' in subnet) {
    return [{ field: 'spec.vlan.subnet', message: subnet.error }];
  }
  const inside = (field: string, address: string) => {
    const ip = parseIpv4(address);
    if (ip && !ip.match(subnet.range)) {
      problems.push({
        field,
        message: `${address} is outside the subnet ${vlan.subnet}`,
      });
    }
  };
  if (vlan.gateway) inside('spec.vlan.gateway', vlan.gateway);
  if (vlan.dhcpRange) {
    inside('spec.vlan.dhcpRange.start', vlan.dhcpRange.start);
    inside('spec.vlan.dhcpRange.end', vlan.dhcpRange.end);
    const start = parseIpv4(vlan.dhcpRange.start);
    const end = parseIpv4(vlan.dhcpRange.end);
    if (start && end && toNumber(start) > toNumber(end)) {
      problems.push({
        field: 'spec.vlan.dhcpRange',
        message: 'starts after it ends',
      });
    }
    const gateway = vlan.gateway && parseIpv4(vlan.gateway);
    if (start && end && gateway) {
      const g = toNumber(gateway);
      if (g >= toNumber(start) && g <= toNumber(end)) {
        problems.push({
          field: 'spec.vlan.gateway',
          message: `${vlan.gateway} lies inside the DHCP range`,
        });
      }
    }
  }
  vlan.firewall.forEach((rule, index) => {
    for (const port of rule.ports ?? []) {
      const [low, high = low] = String(port).split('-').map(Number);
      if (low < 1 || high > 65535 || low > high) {
        problems.push({
          field: `spec.vlan.firewall[${index}].ports`,
          message: `${port} is not a port or port range within 1-65535`,
        });
      }
    }
  });
  return problems;
}

function portProblems(hardware: HardwareSpec): HomelabProblem[] {
  const problems: HomelabProblem[] = [];
  const names = new Set<string>();
  (hardware.ports ?? []).forEach((port, index) => {
    const field = `spec.hardware.ports[${index}]`;
    if (names.has(port.name)) {
      problems.push({
        field: `${field}.name`,
        message: `${port.name} is already the name of another port`,
      });
    }
    names.add(port.name);
    if ((port.mode ?? 'access') === 'access' && port.vlans.length !== 1) {
      problems.push({
        field: `${field}.vlans`,
        message: `an access port carries exactly one VLAN (it has ${port.vlans.length}); make it mode: trunk to carry several`,
      });
    }
    if (port.interface && !port.device) {
      problems.push({
        field: `${field}.interface`,
        message: 'names an interface but no device',
      });
    }
  });
  return problems;
}

function urlProblems(entity: Entity): HomelabProblem[] {
  const problems: HomelabProblem[] = [];
  (entity.metadata.links ?? []).forEach((link, index) => {
    const reason =
      typeof link?.url === 'string'
        ? unsafeUrlReason(link.url, { allowMailto: true })
        : 'must be a string';
    if (reason) {
      problems.push({ field: `metadata.links[${index}].url`, message: reason });
    }
  });
  for (const [key, value] of Object.entries(
    entity.metadata.annotations ?? {},
  )) {
    if (typeof value === 'string' && hasDangerousScheme(value)) {
      problems.push({
        field: `metadata.annotations.${key}`,
        message: 'carries a script-capable URL scheme',
      });
    }
  }
  const spec = entity.spec as
    | {
        hardware?: { managementUrl?: unknown };
        cluster?: { apiUrl?: unknown };
      }
    | undefined;
  const urlFields: Array<[string, unknown]> = [
    ['spec.hardware.managementUrl', spec?.hardware?.managementUrl],
    ['spec.cluster.apiUrl', spec?.cluster?.apiUrl],
  ];
  for (const [field, value] of urlFields) {
    if (typeof value === 'string') {
      const reason = unsafeUrlReason(value);
      if (reason) problems.push({ field, message: reason });
    }
  }
  return problems;
}

function annotationRefProblems(entity: Entity): HomelabProblem[] {
  const problems: HomelabProblem[] = [];
  for (const key of [ANNOTATION_RUNS_ON, ANNOTATION_STORAGE_TIER]) {
    const value = entity.metadata.annotations?.[key];
    if (value === undefined) continue;
    const refs = splitRefs(value);
    if (refs.length === 0) {
      problems.push({
        field: `metadata.annotations.${key}`,
        message: 'is empty',
      });
    }
    for (const ref of refs) {
      if (!resolveRef(ref, entity)) {
        problems.push({
          field: `metadata.annotations.${key}`,
          message: `"${ref}" is not an entity ref`,
        });
      }
    }
  }
  return problems;
}

/**
 * Everything wrong with one entity as the homelab model sees it: the spec of
 * our Resource types against their schemas and rules, our annotations, and
 * unsafe URLs on any entity. Checks that need other entities are in
 * {@link validateHomelabCatalog}. An empty list means valid.
 * @public
 */
export function validateHomelabEntity(entity: Entity): HomelabProblem[] {
  const problems = [...urlProblems(entity), ...annotationRefProblems(entity)];
  if (!isHomelabResource(entity)) {
    return problems;
  }
  const validate = validators.get(entity.spec.type as HomelabResourceType)!;
  if (!validate(entity)) {
    return [...problems, ...schemaProblems(validate.errors ?? [])];
  }
  if (entity.spec.type === 'vlan') {
    problems.push(...vlanProblems(entity.spec.vlan as VlanSpec));
  }
  if (entity.spec.type === 'network-switch') {
    problems.push(...portProblems(entity.spec.hardware as HardwareSpec));
  }
  return problems;
}
