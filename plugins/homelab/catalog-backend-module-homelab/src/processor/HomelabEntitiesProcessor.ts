import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  ANNOTATION_RUNS_ON,
  HomelabNeighbours,
  ANNOTATION_STORAGE_TIER,
  INTERNET,
  firewallFlows,
  RELATION_ATTACHED_TO,
  RELATION_CAN_REACH,
  RELATION_HAS_ATTACHED,
  RELATION_HOSTS,
  RELATION_REACHABLE_FROM,
  RELATION_RUNS_ON,
  RELATION_STORED_ON,
  RELATION_STORES,
  isHardwareEntity,
  isVlanEntity,
  refOf,
  resolveRef,
  splitRefs,
  validateHomelabEntity,
} from '@homelab-portal/plugin-homelab-common';

/**
 * Validates the homelab model's entities with the shared validators from
 * plugin-homelab-common (the same ones `yarn validate-catalog` runs, alone
 * and against the catalog's other VLANs and devices), reports
 * each problem as a catalog input error naming the field, and emits the
 * model's relations in both directions.
 */
export class HomelabEntitiesProcessor implements CatalogProcessor {
  /**
   * @param neighbours - the catalog's other VLANs and devices, for the
   *   checks across entities; without it each entity is checked alone.
   */
  constructor(
    private readonly neighbours?: { get(): Promise<HomelabNeighbours> },
  ) {}

  getProcessorName(): string {
    return 'HomelabEntitiesProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const problems = validateHomelabEntity(entity);
    if (problems.length > 0) {
      const ref = refOf(entity);
      for (const { field, message } of problems) {
        emit(
          processingResult.inputError(location, `${ref}: ${field} ${message}`),
        );
      }
      return entity;
    }

    // Clashes with the rest of the catalog, as `yarn validate-catalog` finds
    // them. The catalog is read as it is now, so a clash shows once both
    // sides have been stored (on the next processing of the other side).
    if (this.neighbours && (isVlanEntity(entity) || isHardwareEntity(entity))) {
      let index: HomelabNeighbours | undefined;
      try {
        index = await this.neighbours.get();
      } catch {
        index = undefined; // the catalog could not be read: checked next time
      }
      const clashes = index?.check(entity) ?? [];
      if (clashes.length > 0) {
        const ref = refOf(entity);
        for (const { field, message } of clashes) {
          emit(
            processingResult.inputError(
              location,
              `${ref}: ${field} ${message}`,
            ),
          );
        }
        return entity;
      }
    }

    const self = parseEntityRef(refOf(entity));
    const relate = (target: string, type: string, reverse: string) => {
      const other = parseEntityRef(target);
      emit(processingResult.relation({ source: self, type, target: other }));
      emit(
        processingResult.relation({
          source: other,
          type: reverse,
          target: self,
        }),
      );
    };
    const refsIn = (annotation: string) =>
      splitRefs(entity.metadata.annotations?.[annotation])
        .map(ref => resolveRef(ref, entity))
        .filter((ref): ref is string => Boolean(ref));

    for (const target of refsIn(ANNOTATION_RUNS_ON)) {
      relate(target, RELATION_RUNS_ON, RELATION_HOSTS);
    }
    for (const target of refsIn(ANNOTATION_STORAGE_TIER)) {
      relate(target, RELATION_STORED_ON, RELATION_STORES);
    }

    if (isHardwareEntity(entity)) {
      const { interfaces = [], storage = [] } = entity.spec.hardware;
      for (const vlan of new Set(
        interfaces.map(nic => resolveRef(nic.vlan, entity)!),
      )) {
        relate(vlan, RELATION_ATTACHED_TO, RELATION_HAS_ATTACHED);
      }
      for (const tier of new Set(
        storage.flatMap(disk =>
          disk.tier ? [resolveRef(disk.tier, entity)!] : [],
        ),
      )) {
        relate(tier, RELATION_STORED_ON, RELATION_STORES);
      }
    }

    if (isVlanEntity(entity)) {
      // As the router reads the rules (first match wins) and as the Network
      // page draws them: an allow after a deny of the same traffic is no
      // flow. Rules towards `any` reach the catalog's other VLANs, once
      // they have been read.
      let otherVlans: string[] = [];
      if (this.neighbours) {
        try {
          otherVlans = (await this.neighbours.get()).vlanRefs();
        } catch {
          otherVlans = []; // the catalog could not be read: next time
        }
      }
      for (const flow of firewallFlows(entity, otherVlans)) {
        if (flow.to !== INTERNET) {
          relate(flow.to, RELATION_CAN_REACH, RELATION_REACHABLE_FROM);
        }
      }
    }
    return entity;
  }
}
