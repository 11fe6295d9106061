import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EnergyFigures,
  EnergyOverviewRow,
  Tariff,
  TopConsumer,
  energyFigures,
  joulesToKWh,
} from '@homelab-portal/plugin-energy-common';
import { podOwner } from './entityTargets';
import { PodEnergy } from './types';

export function kWh(joules: number | null | undefined): number | null {
  return joules === null || joules === undefined ? null : joulesToKWh(joules);
}

/** Energy in joules as kWh, cost and CO2 at the tariff. */
export function figuresOfJoules(
  joules: number | null | undefined,
  tariff: Tariff,
): EnergyFigures {
  return energyFigures(kWh(joules), tariff);
}

/** The pods that used the most energy, each with the component it belongs to. */
export function consumers(
  pods: PodEnergy[],
  components: Entity[],
  tariff: Tariff,
): TopConsumer[] {
  return pods.map(pod => {
    const owner = podOwner(pod.namespace, pod.pod, components);
    const figures = energyFigures(joulesToKWh(pod.joules), tariff);
    return {
      namespace: pod.namespace,
      pod: pod.pod,
      entityRef: owner ? stringifyEntityRef(owner) : undefined,
      energyKWh: figures.energyKWh ?? 0,
      cost: figures.cost ?? 0,
      co2Kg: figures.co2Kg ?? 0,
    };
  });
}

export function byTitle(a: EnergyOverviewRow, b: EnergyOverviewRow): number {
  return (a.title ?? a.entityRef).localeCompare(
    b.title ?? b.entityRef,
    'en-US',
  );
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}
