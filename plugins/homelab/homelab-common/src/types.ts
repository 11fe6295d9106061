import { Entity } from '@backstage/catalog-model';

/** The `spec.type` values of the homelab's Resources. @public */
export const HOMELAB_RESOURCE_TYPES = [
  'compute-node',
  'nas',
  'network-switch',
  'vlan',
  'kubernetes-cluster',
  'storage-tier',
] as const;

/** @public */
export type HomelabResourceType = (typeof HOMELAB_RESOURCE_TYPES)[number];

/** Resource types that are physical devices with a `spec.hardware` block. @public */
export const HARDWARE_TYPES = [
  'compute-node',
  'nas',
  'network-switch',
] as const;

/** @public */
export type HardwareType = (typeof HARDWARE_TYPES)[number];

/** @public */
export type StorageDevice = {
  name: string;
  sizeGB: number;
  media?: 'nvme' | 'ssd' | 'hdd';
  /** Entity ref of a `storage-tier` Resource. */
  tier?: string;
};

/** @public */
export type NetworkInterface = {
  name: string;
  mac: string;
  /** Entity ref of a `vlan` Resource. */
  vlan: string;
  address?: string;
  speed?: string;
  hostname?: string;
};

/**
 * A port of a `network-switch`: the VLANs it carries (one for an access
 * port, the default; any number, tagged, for a trunk) and what is plugged
 * into it.
 * @public
 */
export type SwitchPort = {
  name: string;
  speed?: string;
  mode?: 'access' | 'trunk';
  /** Entity refs of `vlan` Resources. */
  vlans: string[];
  /** Entity ref of the device plugged in, if it is in the catalog. */
  device?: string;
  /** The device's interface (`spec.hardware.interfaces[].name`) on this port. */
  interface?: string;
  /** What the port is for, or what is plugged in when it is not in the catalog. */
  description?: string;
};

/** @public */
export type HardwareSpec = {
  model: string;
  cpu?: string;
  cores?: number;
  memoryGiB?: number;
  storage?: StorageDevice[];
  interfaces?: NetworkInterface[];
  location?: string;
  managementUrl?: string;
  /** A switch's ports, in the order of its faceplate. */
  ports?: SwitchPort[];
};

/** Resources held back from workloads: the seed's Scaling Model "Reserved". @public */
export type CapacityReservation = {
  cores?: number;
  memoryGiB?: number;
  storageGB?: number;
};

/** @public */
export type HardwareEntity = Entity & {
  kind: 'Resource';
  spec: {
    type: HardwareType;
    owner: string;
    system?: string;
    hardware: HardwareSpec;
    capacity?: { reserved?: CapacityReservation };
  };
};

/** @public */
export type FirewallRule = {
  action: 'allow' | 'deny';
  /** `internet`, `any`, or the entity ref of a `vlan` Resource. */
  to: string;
  protocol?: 'tcp' | 'udp' | 'icmp' | 'any';
  /** Ports or ranges such as `443` or `"8000-8100"`. */
  ports?: Array<number | string>;
  description?: string;
};

/** @public */
export type VlanSpec = {
  id: number;
  name: string;
  purpose: string;
  subnet: string;
  gateway?: string;
  dhcpRange?: { start: string; end: string };
  /** False for a VLAN that is never routed (the storage VLAN). */
  routable?: boolean;
  firewall: FirewallRule[];
};

/** @public */
export type VlanEntity = Entity & {
  kind: 'Resource';
  spec: {
    type: 'vlan';
    owner: string;
    system?: string;
    vlan: VlanSpec;
  };
};

/** @public */
export type ClusterEntity = Entity & {
  kind: 'Resource';
  spec: {
    type: 'kubernetes-cluster';
    owner: string;
    system?: string;
    cluster: { distribution?: string; version?: string; apiUrl?: string };
  };
};

/** @public */
export type StorageTierSpec = {
  tier: 0 | 1 | 2;
  technology: 'local-nvme' | 'longhorn' | 'ceph' | 'nas';
  useCase: string;
  performance: string;
};

/** @public */
export type StorageTierEntity = Entity & {
  kind: 'Resource';
  spec: {
    type: 'storage-tier';
    owner: string;
    system?: string;
    storageTier: StorageTierSpec;
  };
};

/** @public */
export type HomelabResourceEntity =
  | HardwareEntity
  | VlanEntity
  | ClusterEntity
  | StorageTierEntity;

function isResourceOfType(entity: Entity, types: readonly string[]): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    types.includes(String(entity.spec?.type))
  );
}

/**
 * True for a Resource whose `spec.type` is one of ours; its shape is only
 * trustworthy once {@link validateHomelabEntity} found no problem.
 * @public
 */
export function isHomelabResource(
  entity: Entity,
): entity is HomelabResourceEntity {
  return isResourceOfType(entity, HOMELAB_RESOURCE_TYPES);
}

/** @public */
export function isHardwareEntity(entity: Entity): entity is HardwareEntity {
  return isResourceOfType(entity, HARDWARE_TYPES);
}

/** @public */
export function isVlanEntity(entity: Entity): entity is VlanEntity {
  return isResourceOfType(entity, ['vlan']);
}

/** @public */
export function isClusterEntity(entity: Entity): entity is ClusterEntity {
  return isResourceOfType(entity, ['kubernetes-cluster']);
}

/** @public */
export function isStorageTierEntity(
  entity: Entity,
): entity is StorageTierEntity {
  return isResourceOfType(entity, ['storage-tier']);
}
