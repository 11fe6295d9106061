import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ENERGY_WINDOWS,
  EnergyOverview,
  EnergyOverviewRow,
  EnergyWindow,
  Tariff,
  joulesToKWh,
  sumKnown,
} from '@homelab-portal/plugin-energy-common';
import { AnswerCache } from './answerCache';
import { attributeToSystems } from './attribution';
import { byTitle, consumers, figuresOfJoules, kWh, unique } from './figures';
import {
  Leaf,
  SystemParts,
  isAggregate,
  isHardwareTarget,
} from './systemParts';
import { clampStep, sumSeries, timeGrid } from './timeGrid';
import { EnergySource, EnergyTarget } from './types';

type RowAmounts = {
  powerW: number | null;
  joules: number | null;
  joules24h: number | null;
};

/**
 * The lab-wide view: the total from the hardware, each System's share of
 * it, what no System accounts for, the lab's power chart over the window
 * and the top consumers.
 */
export class EnergyOverviewReader {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      source: EnergySource;
      tariff: Tariff;
      parts: SystemParts;
      answers: AnswerCache;
      scrapeIntervalSeconds: number;
    },
  ) {}

  async read(
    credentials: BackstageCredentials,
    window: EnergyWindow,
  ): Promise<EnergyOverview> {
    const { answers, source, tariff } = this.options;
    const at = answers.now();
    const warnings: string[] = [];
    const { items } = await this.options.catalog.getEntities(
      {
        filter: [
          { kind: 'resource' },
          { kind: 'component' },
          { kind: 'system' },
        ],
      },
      { credentials },
    );
    const leaves: Leaf[] = items
      .filter(entity => !isAggregate(entity))
      .flatMap(entity => this.options.parts.leafOf(entity, warnings));
    const hardware = leaves.filter(leaf => isHardwareTarget(leaf.target));
    const allTargets = leaves.map(leaf => leaf.target);
    const hardwareTargets = hardware.map(leaf => leaf.target);
    const monthStart = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    const monthSeconds = Math.max(
      3600,
      Math.floor((at.getTime() - monthStart) / 1000),
    );
    const windowSeconds = ENERGY_WINDOWS[window];
    const grid = timeGrid(
      at,
      windowSeconds,
      clampStep(
        windowSeconds,
        undefined,
        this.options.scrapeIntervalSeconds,
        warnings,
      ),
    );
    const energyOf = (
      targets: EnergyTarget[],
      seconds: number | EnergyWindow,
    ) =>
      answers.get('energy', [targets, seconds, at], () =>
        source.energy(
          targets,
          typeof seconds === 'number' ? seconds : ENERGY_WINDOWS[seconds],
          at,
        ),
      );

    const [power, energy24h, energyWindow, energy7d, energy30d, month, top] =
      await Promise.all([
        answers.get('power', [allTargets, at], () =>
          source.power(allTargets, at),
        ),
        energyOf(allTargets, '24h'),
        energyOf(allTargets, window),
        energyOf(hardwareTargets, '7d'),
        energyOf(hardwareTargets, '30d'),
        energyOf(hardwareTargets, monthSeconds),
        answers.get('top', [window, 10, at], () =>
          source.topPods(windowSeconds, at, 10),
        ),
      ]);
    const series = await answers.get(
      'series',
      [hardwareTargets, grid.start, grid.end, grid.step],
      () =>
        source.powerSeries(hardwareTargets, grid.start, grid.end, grid.step),
    );
    for (const answer of [
      power,
      energy24h,
      energyWindow,
      energy7d,
      energy30d,
      month,
      top,
      series,
    ]) {
      warnings.push(...answer.warnings);
    }

    const amounts: RowAmounts[] = leaves.map((_, i) => ({
      powerW: power.values[i],
      joules: energyWindow.values[i],
      joules24h: energy24h.values[i],
    }));
    const systems = items.filter(
      entity => entity.kind.toLocaleLowerCase('en-US') === 'system',
    );
    const attribution = attributeToSystems(
      leaves,
      amounts,
      systems,
      ['powerW', 'joules', 'joules24h'] as const,
      (key, excess) =>
        key === 'joules'
          ? `The services measure ${joulesToKWh(excess).toFixed(
              2,
            )} kWh more than their nodes over the last ${window} (Kepler's estimates); "Not attributed to a system" shows 0 and the rows add up to more than the total`
          : undefined,
    );
    warnings.push(...attribution.warnings);

    const row = (
      entity: Entity,
      a: RowAmounts,
      notes?: string[],
    ): EnergyOverviewRow => {
      const figures = figuresOfJoules(a.joules, tariff);
      const figures24h = figuresOfJoules(a.joules24h, tariff);
      return {
        entityRef: stringifyEntityRef(entity),
        title: entity.metadata.title,
        powerW: a.powerW,
        energyKWh: figures.energyKWh,
        cost: figures.cost,
        co2Kg: figures.co2Kg,
        energyKWh24h: kWh(a.joules24h),
        cost24h: figures24h.cost,
        ...(notes && notes.length > 0 ? { notes } : {}),
      };
    };

    return {
      source: source.kind,
      at: at.toISOString(),
      tariff,
      powerW: attribution.total.powerW,
      windows: {
        '24h': figuresOfJoules(attribution.total.joules24h, tariff),
        '7d': figuresOfJoules(sumKnown(energy7d.values), tariff),
        '30d': figuresOfJoules(sumKnown(energy30d.values), tariff),
      },
      monthToDate: figuresOfJoules(sumKnown(month.values), tariff),
      window,
      total: figuresOfJoules(attribution.total.joules, tariff),
      nodes: hardware
        .map(leaf => row(leaf.entity, amounts[leaves.indexOf(leaf)]))
        .sort(byTitle),
      // the largest share first
      systems: attribution.systems
        .map(share => row(share.system, share.amounts, share.notes))
        .sort(
          (a, b) => (b.energyKWh ?? -1) - (a.energyKWh ?? -1) || byTitle(a, b),
        ),
      unattributed: {
        powerW: attribution.unattributed.amounts.powerW,
        ...figuresOfJoules(attribution.unattributed.amounts.joules, tariff),
        notes: attribution.unattributed.notes,
      },
      series: {
        start: grid.start.toISOString(),
        end: grid.end.toISOString(),
        stepSeconds: grid.step,
        points: sumSeries(series.values, grid),
      },
      top: consumers(top.values, items, tariff),
      warnings: unique(warnings),
    };
  }
}
