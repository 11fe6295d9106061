import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { sumKnown } from '@homelab-portal/plugin-energy-common';
import { isHardwareTarget, partRefs } from './systemParts';
import { EnergyTarget } from './types';

/** A measured part of the lab: a node, a meter or a service's workload. */
export type AttributionLeaf = { entity: Entity; target: EnergyTarget };

/** What was read for one leaf; `null` is no data. */
export type LeafAmounts = Record<string, number | null>;

export type SystemShare<K extends string> = {
  system: Entity;
  amounts: Record<K, number | null>;
  notes: string[];
};

export type Attribution<K extends string> = {
  total: Record<K, number | null>;
  systems: Array<SystemShare<K>>;
  unattributed: { amounts: Record<K, number | null>; notes: string[] };
  warnings: string[];
};

function titleOf(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

/** The System an entity names in spec.system, as a full ref. */
export function systemOf(entity: Entity): string | undefined {
  const system = entity.spec?.system;
  if (typeof system !== 'string' || !system) return undefined;
  const namespace = entity.metadata.namespace ?? 'default';
  return system.includes(':') ? system : `system:${namespace}/${system}`;
}

/** The Systems that hold a leaf, through spec.system or hasPart, by ref. */
export function systemsHolding(leaf: Entity, systems: Entity[]): Entity[] {
  const ref = stringifyEntityRef(leaf);
  return systems
    .filter(
      system =>
        partRefs(system).includes(ref) ||
        systemOf(leaf) === stringifyEntityRef(system),
    )
    .sort((a, b) =>
      stringifyEntityRef(a).localeCompare(stringifyEntityRef(b), 'en-US'),
    );
}

/**
 * Splits the lab's total between its Systems so that every watt is counted
 * once and the parts add up to the whole.
 *
 * - The total is the hardware: compute nodes (Kepler) and metered devices.
 * - A service's workload is a share of its node's energy: it counts under
 *   its System.
 * - A metered device (the NAS, the switch) counts under its System.
 * - A compute node's energy is what the services on it use; the rest (idle
 *   draw, pods not in the catalog) and anything in no System is
 *   "not attributed to a system".
 * - A part held by two Systems counts under the first by ref; the other
 *   says so.
 */
export function attributeToSystems<K extends string>(
  leaves: AttributionLeaf[],
  amounts: Array<Record<K, number | null>>,
  systems: Entity[],
  keys: readonly K[],
  formatExcess: (key: K, excess: number) => string | undefined,
): Attribution<K> {
  const sum = (indexes: number[], key: K) =>
    sumKnown(indexes.map(i => amounts[i][key]));
  const pick = (indexes: number[]) =>
    Object.fromEntries(keys.map(key => [key, sum(indexes, key)])) as Record<
      K,
      number | null
    >;

  const hardware = leaves.flatMap((leaf, i) =>
    isHardwareTarget(leaf.target) ? [i] : [],
  );
  const total = pick(hardware);

  const owned = new Map<string, number[]>();
  const notes = new Map<string, string[]>();
  const note = (system: Entity, text: string) => {
    const ref = stringifyEntityRef(system);
    notes.set(ref, [...(notes.get(ref) ?? []), text]);
  };
  const inNoSystem: string[] = [];
  const nodesOf = new Map<string, { system: Entity; titles: string[] }>();
  let nodes = 0;
  leaves.forEach((leaf, i) => {
    const holders = systemsHolding(leaf.entity, systems);
    if (leaf.target.type === 'node') {
      nodes += 1;
      for (const holder of holders) {
        const ref = stringifyEntityRef(holder);
        const entry = nodesOf.get(ref) ?? { system: holder, titles: [] };
        entry.titles.push(titleOf(leaf.entity));
        nodesOf.set(ref, entry);
      }
      return;
    }
    const [owner, ...others] = holders;
    if (!owner) {
      inNoSystem.push(titleOf(leaf.entity));
      return;
    }
    const ref = stringifyEntityRef(owner);
    owned.set(ref, [...(owned.get(ref) ?? []), i]);
    for (const other of others) {
      note(
        other,
        `${titleOf(
          leaf.entity,
        )} is also part of this system; counted once, under ${titleOf(owner)}`,
      );
    }
  });

  for (const { system, titles } of nodesOf.values()) {
    const sorted = [...titles].sort((a, b) => a.localeCompare(b, 'en-US'));
    note(
      system,
      sorted.length === 1
        ? `${sorted[0]}: its energy counts under the services that run on it`
        : `${sorted.join(
            ', ',
          )}: their energy counts under the services that run on them`,
    );
  }

  const shares = systems.map(system => {
    const ref = stringifyEntityRef(system);
    return {
      system,
      amounts: pick(owned.get(ref) ?? []),
      notes: notes.get(ref) ?? [],
    };
  });

  const warnings: string[] = [];
  const remainder = {} as Record<K, number | null>;
  for (const key of keys) {
    const whole = total[key];
    const parts = sumKnown(shares.map(share => share.amounts[key]));
    if (whole === null) {
      remainder[key] = null;
    } else if (parts !== null && parts > whole) {
      // Kepler's shares can exceed their node's reading; say so, never
      // show a negative remainder.
      remainder[key] = 0;
      const text = formatExcess(key, parts - whole);
      if (text) warnings.push(text);
    } else {
      remainder[key] = whole - (parts ?? 0);
    }
  }
  const unattributedNotes: string[] = [];
  if (nodes > 0) {
    unattributedNotes.push(
      'The compute nodes’ energy that no catalogued service uses: idle draw, and pods not in the catalog',
    );
  }
  if (inNoSystem.length > 0) {
    unattributedNotes.push(`In no System: ${inNoSystem.join(', ')}`);
  }
  return {
    total,
    systems: shares,
    unattributed: { amounts: remainder, notes: unattributedNotes },
    warnings,
  };
}
