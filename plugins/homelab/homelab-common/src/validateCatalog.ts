import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_RUNS_ON, ANNOTATION_STORAGE_TIER } from './annotations';
import { refOf, resolveRef, splitRefs } from './refs';
import {
  HARDWARE_TYPES,
  isHardwareEntity,
  isHomelabResource,
  isVlanEntity,
} from './types';
import { HomelabNeighbours } from './neighbours';
import { HomelabProblem, validateHomelabEntity } from './validateEntity';

/** A problem found in a set of entities, with the entity it belongs to. @public */
export interface HomelabCatalogProblem extends HomelabProblem {
  entityRef: string;
}

/*
 * Standard relation fields, with the kind a ref in them defaults to, as the
 * catalog's own processors read them. Undefined: the ref must name its kind.
 */
const STANDARD_REF_FIELDS: Array<[string, string | undefined]> = [
  ['owner', 'group'],
  ['system', 'system'],
  ['domain', 'domain'],
  ['subdomainOf', 'domain'],
  ['subcomponentOf', 'component'],
  ['dependsOn', undefined],
  ['dependencyOf', undefined],
  ['providesApis', 'api'],
  ['consumesApis', 'api'],
  ['parent', 'group'],
  ['children', 'group'],
  ['memberOf', 'group'],
  ['members', 'user'],
];

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    return value.filter((v): v is string => typeof v === 'string');
  }
  return [];
}

/**
 * Checks a whole set of entities, as a homelab's Git repository holds them:
 * each entity on its own ({@link validateHomelabEntity}), then what needs the
 * others: references that resolve to nothing or to the wrong type, duplicate
 * VLAN ids, overlapping subnets, duplicate MAC and IP addresses, and
 * addresses outside their VLAN's subnet.
 * @public
 */
export function validateHomelabCatalog(
  entities: Entity[],
): HomelabCatalogProblem[] {
  const problems: HomelabCatalogProblem[] = [];
  const byRef = new Map<string, Entity>();
  for (const entity of entities) {
    const ref = refOf(entity);
    if (byRef.has(ref)) {
      problems.push({
        entityRef: ref,
        field: 'metadata.name',
        message: 'is defined twice',
      });
    }
    byRef.set(ref, entity);
  }
  const invalid = new Set<string>();
  for (const entity of entities) {
    for (const problem of validateHomelabEntity(entity)) {
      invalid.add(refOf(entity));
      problems.push({ entityRef: refOf(entity), ...problem });
    }
  }
  const report = (entity: Entity, field: string, message: string) =>
    problems.push({ entityRef: refOf(entity), field, message });

  /** Reports a ref that names nothing, or an entity not of the wanted types. */
  const expectRef = (
    entity: Entity,
    field: string,
    raw: string,
    wanted?: { kind: string; types?: readonly string[]; label: string },
    defaultKind = 'resource',
  ) => {
    const ref = resolveRef(raw, entity, defaultKind);
    if (!ref) {
      report(entity, field, `"${raw}" is not an entity ref`);
      return;
    }
    const target = byRef.get(ref);
    if (!target) {
      report(entity, field, `refers to ${ref}, which does not exist`);
      return;
    }
    if (
      wanted &&
      (target.kind.toLocaleLowerCase('en-US') !== wanted.kind ||
        (wanted.types && !wanted.types.includes(String(target.spec?.type))))
    ) {
      report(entity, field, `refers to ${ref}, which is not ${wanted.label}`);
    }
  };

  for (const entity of entities) {
    for (const [field, defaultKind] of STANDARD_REF_FIELDS) {
      for (const raw of asList(entity.spec?.[field])) {
        const ref = resolveRef(raw, entity, defaultKind ?? '');
        if (!ref) {
          report(
            entity,
            `spec.${field}`,
            `"${raw}" is not a full entity ref (kind:name)`,
          );
        } else if (!byRef.has(ref)) {
          report(
            entity,
            `spec.${field}`,
            `refers to ${ref}, which does not exist`,
          );
        }
      }
    }
    const annotations = entity.metadata.annotations ?? {};
    for (const raw of splitRefs(annotations[ANNOTATION_RUNS_ON])) {
      expectRef(entity, `metadata.annotations.${ANNOTATION_RUNS_ON}`, raw, {
        kind: 'resource',
        types: ['compute-node', 'kubernetes-cluster'],
        label: 'a compute node or a cluster',
      });
    }
    for (const raw of splitRefs(annotations[ANNOTATION_STORAGE_TIER])) {
      expectRef(
        entity,
        `metadata.annotations.${ANNOTATION_STORAGE_TIER}`,
        raw,
        {
          kind: 'resource',
          types: ['storage-tier'],
          label: 'a storage tier',
        },
      );
    }
  }

  // Checks on the spec of our own types need a valid spec.
  const valid = entities.filter(
    e => isHomelabResource(e) && !invalid.has(refOf(e)),
  );
  const vlanWanted = { kind: 'resource', types: ['vlan'], label: 'a VLAN' };

  // Clashes between entities: the same index the running catalog checks with.
  const neighbours = new HomelabNeighbours(valid);
  for (const entity of valid) {
    for (const problem of neighbours.check(entity)) {
      report(entity, problem.field, problem.message);
    }
  }
  for (const vlan of valid.filter(isVlanEntity)) {
    vlan.spec.vlan.firewall.forEach((rule, index) => {
      if (rule.to !== 'internet' && rule.to !== 'any') {
        expectRef(vlan, `spec.vlan.firewall[${index}].to`, rule.to, vlanWanted);
      }
    });
  }
  for (const device of valid.filter(isHardwareEntity)) {
    const { interfaces = [], storage = [] } = device.spec.hardware;
    interfaces.forEach((nic, index) => {
      expectRef(
        device,
        `spec.hardware.interfaces[${index}].vlan`,
        nic.vlan,
        vlanWanted,
      );
    });
    storage.forEach((disk, index) => {
      if (disk.tier) {
        expectRef(device, `spec.hardware.storage[${index}].tier`, disk.tier, {
          kind: 'resource',
          types: ['storage-tier'],
          label: 'a storage tier',
        });
      }
    });
  }
  // Cabling: each port's VLANs and device, the device's interface on the
  // port's VLANs, and no interface plugged into two ports.
  const cabled = new Map<string, string>();
  for (const device of valid.filter(isHardwareEntity)) {
    (device.spec.hardware.ports ?? []).forEach((port, index) => {
      const field = `spec.hardware.ports[${index}]`;
      port.vlans.forEach((raw, v) =>
        expectRef(device, `${field}.vlans[${v}]`, raw, vlanWanted),
      );
      if (!port.device) return;
      expectRef(device, `${field}.device`, port.device, {
        kind: 'resource',
        types: HARDWARE_TYPES,
        label: 'a device',
      });
      const peerRef = resolveRef(port.device, device);
      const peer = peerRef ? byRef.get(peerRef) : undefined;
      if (!port.interface || !peer || !isHardwareEntity(peer)) return;
      const nic = (peer.spec.hardware.interfaces ?? []).find(
        i => i.name === port.interface,
      );
      if (!nic) {
        report(
          device,
          `${field}.interface`,
          `${peerRef} has no interface ${port.interface}`,
        );
        return;
      }
      const portVlans = port.vlans.map(raw => resolveRef(raw, device));
      const nicVlan = resolveRef(nic.vlan, peer);
      if (!portVlans.includes(nicVlan)) {
        report(
          device,
          `${field}.vlans`,
          `do not include ${nicVlan}, the VLAN of ${peerRef} ${nic.name}`,
        );
      }
      const key = `${peerRef} ${nic.name}`;
      const other = cabled.get(key);
      if (other) {
        report(
          device,
          `${field}.interface`,
          `${key} is already plugged into ${other}`,
        );
      } else {
        cabled.set(key, `${refOf(device)} ${port.name}`);
      }
    });
  }
  return problems;
}
