import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EnergySummary } from '@homelab-portal/plugin-energy-common';
import { resolveTarget } from './entityTargets';
import { EnergyTarget } from './types';

/**
 * "A System sums its parts", in one place: which entities are sums
 * (Systems and Domains), how their parts are found (hasPart, a few levels
 * deep), what each part is measured by, and which parts count (hardware,
 * not the workloads on it again).
 */

const MAX_PART_DEPTH = 3;

/** A measurable entity and what measures it. */
export type Leaf = { entity: Entity; target: EnergyTarget };

/** Hardware is what the wall socket sees; workloads are a share of it. */
export function isHardwareTarget(target: EnergyTarget): boolean {
  return target.type === 'node' || target.type === 'meter';
}

export function isAggregate(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return kind === 'system' || kind === 'domain';
}

export function partRefs(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_HAS_PART)
    .map(relation => relation.targetRef);
}

/**
 * A workload's energy is a share of its node's, so a group that holds
 * hardware counts the hardware and not the workloads on it again.
 */
export function basis(leaves: Leaf[]): Leaf[] {
  const hardware = leaves.filter(leaf => isHardwareTarget(leaf.target));
  return hardware.length > 0 ? hardware : leaves;
}

export function measurementOf(
  target: EnergyTarget,
): EnergySummary['measuredBy'] {
  if (target.type === 'meter') return 'meter';
  return target.type === 'node' ? 'kepler-node' : 'kepler-workload';
}

/** Finds the leaves of entities, reading parts with the caller's credentials. */
export class SystemParts {
  constructor(
    private readonly catalog: CatalogService,
    private readonly isAllowedPowerMetric: (metric: string) => boolean,
  ) {}

  /** The entity itself if it is measurable, or its parts if it is a sum. */
  async leaves(
    entity: Entity,
    credentials: BackstageCredentials,
    warnings: string[],
  ): Promise<Leaf[]> {
    return isAggregate(entity)
      ? this.leavesOf(entity, credentials, warnings)
      : this.leafOf(entity, warnings);
  }

  leafOf(entity: Entity, warnings: string[]): Leaf[] {
    const resolved = resolveTarget(entity, this.isAllowedPowerMetric);
    if (resolved.problem) warnings.push(resolved.problem);
    return resolved.target ? [{ entity, target: resolved.target }] : [];
  }

  /** A System's or Domain's measurable parts, through hasPart, a few levels deep. */
  private async leavesOf(
    root: Entity,
    credentials: BackstageCredentials,
    warnings: string[],
  ): Promise<Leaf[]> {
    const leaves: Leaf[] = [];
    const seen = new Set([stringifyEntityRef(root)]);
    let frontier = [root];
    for (
      let depth = 0;
      depth < MAX_PART_DEPTH && frontier.length > 0;
      depth++
    ) {
      const refs = frontier.flatMap(partRefs).filter(ref => !seen.has(ref));
      refs.forEach(ref => seen.add(ref));
      if (refs.length === 0) break;
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials },
      );
      frontier = [];
      for (const entity of items) {
        if (!entity) continue;
        if (isAggregate(entity)) {
          frontier.push(entity);
        } else {
          leaves.push(...this.leafOf(entity, warnings));
        }
      }
    }
    return leaves;
  }
}
