import { Entity } from '@backstage/catalog-model';
import {
  HARDWARE_TYPES,
  HomelabNeighbours,
  HomelabProblem,
  isHardwareEntity,
  isVlanEntity,
  validateHomelabEntity,
} from '@homelab-portal/plugin-homelab-common';

/** The parts of the Add-a-VLAN form that can clash with the catalog. */
export type VlanPart = 'id' | 'subnet' | 'gateway';

/** What the Add-a-VLAN form holds (one step of it). */
export interface VlanFormData {
  vlanId?: unknown;
  subnet?: unknown;
  gateway?: unknown;
}

/** One network interface as the Add-a-hardware-node form holds it. */
export interface InterfaceFormData {
  name?: unknown;
  mac?: unknown;
  vlan?: unknown;
  address?: unknown;
}

/** The catalog filter for what the checks compare against: VLANs and devices. */
export const NEIGHBOUR_FILTER = {
  kind: 'resource',
  'spec.type': ['vlan', ...HARDWARE_TYPES],
};

// A name no catalog entity can have, so that the new entity is never
// mistaken for one already in the catalog ("the same entity").
const NEW_ENTITY = 'new entity (form)';

const text = (value: unknown) =>
  typeof value === 'string' ? value.trim() : undefined;

/** A field's problems, from the catalog's own validators. */
const FIELDS: Record<VlanPart, string> = {
  id: 'spec.vlan.id',
  subnet: 'spec.vlan.subnet',
  gateway: 'spec.vlan.gateway',
};

/**
 * The problems of a VLAN about to be added, found as the catalog finds them:
 * the VLAN is built as the template's `catalog:write` step builds it, then
 * checked with `validateHomelabEntity` (a subnet that is not a network, a
 * gateway outside the subnet) and against the catalog's VLANs with
 * `HomelabNeighbours` (a VLAN id in use, an overlapping subnet). Only the
 * problems of `part` are returned, so that each field shows its own.
 */
export function vlanProblems(
  formData: VlanFormData,
  catalog: Entity[],
  part: VlanPart,
): string[] {
  const id = typeof formData.vlanId === 'number' ? formData.vlanId : Number.NaN;
  const subnet = text(formData.subnet);
  const gateway = text(formData.gateway);
  if (part === 'id' && !Number.isInteger(id)) return [];
  if (part === 'subnet' && !subnet) return [];
  if (part === 'gateway' && (!gateway || !subnet)) return [];
  // Placeholders stand in for what this check is not about, so that the
  // entity passes the schema and the checks after it run.
  const candidate: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: NEW_ENTITY },
    spec: {
      type: 'vlan',
      owner: 'group:default/admins',
      vlan: {
        id: Number.isInteger(id) && id >= 1 && id <= 4094 ? id : 4094,
        name: 'new',
        purpose: 'new',
        subnet: subnet || '192.0.2.0/24',
        ...(gateway && subnet ? { gateway } : {}),
        firewall: [],
      },
    },
  };
  const own: HomelabProblem[] = validateHomelabEntity(candidate);
  const vlans = catalog.filter(isVlanEntity);
  const neighbours =
    own.some(p => p.field === FIELDS.subnet) && part !== 'id'
      ? []
      : new HomelabNeighbours(vlans).check(candidate);
  const problems = [...own, ...neighbours]
    .filter(p => p.field === FIELDS[part])
    .map(p => p.message);
  if (part === 'id' && !(Number.isInteger(id) && id >= 1 && id <= 4094)) {
    return [];
  }
  return [...new Set(problems)];
}

/**
 * The problems of the network interfaces of a device about to be added, as
 * the catalog would report them: a MAC or IP address another device (or
 * another of its interfaces) has, and an address outside its VLAN's subnet.
 * Each message names the interface.
 */
export function interfaceProblems(
  interfaces: InterfaceFormData[],
  catalog: Entity[],
): string[] {
  const nics = interfaces
    .map(nic => ({
      name: text(nic?.name) || 'interface',
      mac: text(nic?.mac),
      vlan: text(nic?.vlan),
      address: text(nic?.address),
    }))
    .filter(nic => nic.mac && nic.vlan);
  if (nics.length === 0) return [];
  const candidate: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: NEW_ENTITY },
    spec: {
      type: 'compute-node',
      owner: 'group:default/admins',
      hardware: {
        model: 'new',
        interfaces: nics.map(nic => ({
          name: nic.name,
          mac: nic.mac,
          vlan: nic.vlan,
          ...(nic.address ? { address: nic.address } : {}),
        })),
      },
    },
  };
  const neighbours = new HomelabNeighbours(
    catalog.filter(e => isVlanEntity(e) || isHardwareEntity(e)),
  );
  return neighbours.check(candidate).map(problem => {
    const index = Number(/interfaces\[(\d+)\]/.exec(problem.field)?.[1]);
    const nic = nics[index];
    return `${nic ? nic.name : 'An interface'}: ${problem.message.replace(
      `resource:default/${NEW_ENTITY}`,
      'this device',
    )}`;
  });
}
