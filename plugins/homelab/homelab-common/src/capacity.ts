import { Entity } from '@backstage/catalog-model';
import { refOf } from './refs';
import { isHardwareEntity } from './types';

/** Total, reserved and available amounts of one resource. @public */
export interface CapacityFigure {
  total: number;
  reserved: number;
  available: number;
}

/** The seed's Scaling Model row set for one node, or the sum over nodes. @public */
export interface Capacity {
  cpuCores: CapacityFigure;
  memoryGiB: CapacityFigure;
  storageGB: CapacityFigure;
}

/** @public */
export interface NodeCapacity extends Capacity {
  entityRef: string;
  title: string;
}

function figure(total: number, reserved: number): CapacityFigure {
  return { total, reserved, available: Math.max(0, total - reserved) };
}

function add(a: CapacityFigure, b: CapacityFigure): CapacityFigure {
  return {
    total: a.total + b.total,
    reserved: a.reserved + b.reserved,
    available: a.available + b.available,
  };
}

/**
 * Computes the Scaling Model table (total, reserved, available CPU, memory
 * and storage) from the compute nodes in the catalog, per node and in total.
 * Storage counts the node's own disks only; the NAS is bulk storage, not
 * schedulable capacity.
 * @public
 */
export function computeCapacity(entities: Entity[]): {
  nodes: NodeCapacity[];
  total: Capacity;
} {
  const nodes = entities
    .filter(isHardwareEntity)
    .filter(e => e.spec.type === 'compute-node')
    .map(node => {
      const { hardware, capacity } = node.spec;
      const reserved = capacity?.reserved ?? {};
      const disks = (hardware.storage ?? []).reduce(
        (sum, disk) => sum + disk.sizeGB,
        0,
      );
      return {
        entityRef: refOf(node),
        title: node.metadata.title ?? node.metadata.name,
        cpuCores: figure(hardware.cores ?? 0, reserved.cores ?? 0),
        memoryGiB: figure(hardware.memoryGiB ?? 0, reserved.memoryGiB ?? 0),
        storageGB: figure(disks, reserved.storageGB ?? 0),
      };
    })
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  const zero = figure(0, 0);
  const total = nodes.reduce<Capacity>(
    (sum, node) => ({
      cpuCores: add(sum.cpuCores, node.cpuCores),
      memoryGiB: add(sum.memoryGiB, node.memoryGiB),
      storageGB: add(sum.storageGB, node.storageGB),
    }),
    { cpuCores: zero, memoryGiB: zero, storageGB: zero },
  );
  return { nodes, total };
}
