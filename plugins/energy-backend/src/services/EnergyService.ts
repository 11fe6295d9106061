import { createHash } from 'node:crypto';
import {
  BackstageCredentials,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ENERGY_WINDOWS,
  ENERGY_WINDOW_NAMES,
  EnergyFigures,
  EnergyOverview,
  EnergyOverviewRow,
  EnergySeries,
  EnergySeriesPoint,
  EnergySummary,
  EnergyWindow,
  StorageUsage,
  Tariff,
  TopConsumer,
  TopConsumers,
  energyFigures,
  joulesToKWh,
  sumKnown,
} from '@homelab-portal/plugin-energy-common';
import {
  filesystemLabels,
  isAggregate,
  isHardwareTarget,
  partRefs,
  podOwner,
  resolveTarget,
} from './entityTargets';
import { MAX_POINTS } from './PrometheusClient';
import { attributeToSystems } from './attribution';
import { EnergySource, EnergyTarget, SourceAnswer } from './types';

/** The chart ranges the API offers, in seconds. */
export const SERIES_RANGES = {
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 86400,
  '7d': 7 * 86400,
  '30d': 30 * 86400,
} as const;
export type SeriesRange = keyof typeof SERIES_RANGES;

/** About this many points per chart unless the caller asks for a step. */
const DEFAULT_POINTS = 240;
const MAX_PART_DEPTH = 3;

type Leaf = { entity: Entity; target: EnergyTarget };

export type EnergyServiceOptions = {
  catalog: CatalogService;
  cache: CacheService;
  logger: LoggerService;
  source: EnergySource;
  tariff: Tariff;
  isAllowedPowerMetric: (metric: string) => boolean;
  scrapeIntervalSeconds: number;
  /** How long an answer is reused; also the granularity of "now". */
  cacheTtlSeconds: number;
  clock?: () => Date;
};

/**
 * Answers the energy questions for catalog entities: maps each entity to
 * what measures it, sums Systems and Domains over their parts, and converts
 * energy to cost and CO2. Entities are read with the caller's credentials,
 * so the catalog's permissions decide what anyone can ask about.
 */
export class EnergyService {
  private readonly clock: () => Date;

  private constructor(private readonly options: EnergyServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  static create(options: EnergyServiceOptions): EnergyService {
    return new EnergyService(options);
  }

  get sourceKind() {
    return this.options.source.kind;
  }

  async summary(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EnergySummary> {
    const entity = await this.entity(entityRef, credentials);
    const at = this.now();
    const warnings: string[] = [];
    const aggregate = isAggregate(entity);
    const leaves = aggregate
      ? await this.leavesOf(entity, credentials, warnings)
      : this.leafOf(entity, warnings);
    const basis = this.basis(leaves);
    const targets = basis.map(leaf => leaf.target);

    const [power, ...energies] = await Promise.all([
      this.cached('power', [targets, at], () =>
        this.options.source.power(targets, at),
      ),
      ...ENERGY_WINDOW_NAMES.map(window =>
        this.cached('energy', [targets, window, at], () =>
          this.options.source.energy(targets, ENERGY_WINDOWS[window], at),
        ),
      ),
    ]);
    warnings.push(...power.warnings, ...energies.flatMap(e => e.warnings));

    const windows = {} as Record<EnergyWindow, EnergyFigures>;
    ENERGY_WINDOW_NAMES.forEach((window, i) => {
      windows[window] = this.figures(this.kWh(sumKnown(energies[i].values)));
    });
    if (targets.length === 0) {
      warnings.push(`Nothing measures ${stringifyEntityRef(entity)}`);
    }
    let measuredBy: EnergySummary['measuredBy'] = 'parts';
    if (!aggregate && targets[0]) {
      measuredBy = this.measurementOf(targets[0]);
    }
    return {
      entityRef: stringifyEntityRef(entity),
      source: this.options.source.kind,
      measuredBy,
      at: at.toISOString(),
      powerW: sumKnown(power.values),
      windows,
      tariff: this.options.tariff,
      parts: aggregate
        ? basis.map((leaf, i) => ({
            entityRef: stringifyEntityRef(leaf.entity),
            title: leaf.entity.metadata.title,
            powerW: power.values[i],
            energyKWh24h: this.kWh(energies[0].values[i]),
          }))
        : undefined,
      warnings: unique(warnings),
    };
  }

  async series(
    entityRef: string,
    range: SeriesRange,
    requestedStep: number | undefined,
    credentials: BackstageCredentials,
  ): Promise<EnergySeries> {
    const entity = await this.entity(entityRef, credentials);
    const warnings: string[] = [];
    const leaves = isAggregate(entity)
      ? await this.leavesOf(entity, credentials, warnings)
      : this.leafOf(entity, warnings);
    const targets = this.basis(leaves).map(leaf => leaf.target);
    const rangeSeconds = SERIES_RANGES[range];
    const step = this.clampStep(rangeSeconds, requestedStep, warnings);
    const endSeconds = Math.floor(this.now().getTime() / 1000 / step) * step;
    const startSeconds = endSeconds - rangeSeconds + step;
    const start = new Date(startSeconds * 1000);
    const end = new Date(endSeconds * 1000);
    const answer = await this.cached(
      'series',
      [targets, start, end, step],
      () => this.options.source.powerSeries(targets, start, end, step),
    );
    warnings.push(...answer.warnings);

    const sums = new Map<number, number>();
    for (const points of answer.values) {
      for (const [t, w] of points) {
        sums.set(t, (sums.get(t) ?? 0) + w);
      }
    }
    const points: EnergySeriesPoint[] = [];
    for (let t = startSeconds; t <= endSeconds; t += step) {
      points.push({ t: t * 1000, w: sums.get(t) ?? null });
    }
    return {
      entityRef: stringifyEntityRef(entity),
      source: this.options.source.kind,
      start: start.toISOString(),
      end: end.toISOString(),
      stepSeconds: step,
      points,
      warnings: unique(warnings),
    };
  }

  async top(
    window: EnergyWindow,
    limit: number,
    credentials: BackstageCredentials,
  ): Promise<TopConsumers> {
    const at = this.now();
    const [answer, components] = await Promise.all([
      this.cached('top', [window, limit, at], () =>
        this.options.source.topPods(ENERGY_WINDOWS[window], at, limit),
      ),
      this.components(credentials),
    ]);
    return {
      source: this.options.source.kind,
      window,
      at: at.toISOString(),
      items: this.consumers(answer.values, components),
      warnings: unique(answer.warnings),
    };
  }

  async overview(
    credentials: BackstageCredentials,
    window: EnergyWindow = '24h',
  ): Promise<EnergyOverview> {
    const at = this.now();
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
    const leaves: Leaf[] = [];
    for (const entity of items) {
      if (isAggregate(entity)) continue;
      const resolved = resolveTarget(entity, this.options.isAllowedPowerMetric);
      if (resolved.problem) warnings.push(resolved.problem);
      if (resolved.target) leaves.push({ entity, target: resolved.target });
    }
    const hardware = leaves.filter(leaf => isHardwareTarget(leaf.target));
    const allTargets = leaves.map(leaf => leaf.target);
    const hardwareTargets = hardware.map(leaf => leaf.target);
    const monthStart = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    const monthSeconds = Math.max(
      3600,
      Math.floor((at.getTime() - monthStart) / 1000),
    );
    const source = this.options.source;
    const windowSeconds = ENERGY_WINDOWS[window];
    const step = this.clampStep(windowSeconds, undefined, warnings);
    const endSeconds = Math.floor(at.getTime() / 1000 / step) * step;
    const startSeconds = endSeconds - windowSeconds + step;
    const seriesStart = new Date(startSeconds * 1000);
    const seriesEnd = new Date(endSeconds * 1000);
    const energyOf = (
      targets: EnergyTarget[],
      seconds: number | EnergyWindow,
    ) =>
      this.cached('energy', [targets, seconds, at], () =>
        source.energy(
          targets,
          typeof seconds === 'number' ? seconds : ENERGY_WINDOWS[seconds],
          at,
        ),
      );

    const [power, energy24h, energyWindow, energy7d, energy30d, month, top] =
      await Promise.all([
        this.cached('power', [allTargets, at], () =>
          source.power(allTargets, at),
        ),
        energyOf(allTargets, '24h'),
        energyOf(allTargets, window),
        energyOf(hardwareTargets, '7d'),
        energyOf(hardwareTargets, '30d'),
        energyOf(hardwareTargets, monthSeconds),
        this.cached('top', [window, 10, at], () =>
          source.topPods(windowSeconds, at, 10),
        ),
      ]);
    const series = await this.cached(
      'series',
      [hardwareTargets, seriesStart, seriesEnd, step],
      () => source.powerSeries(hardwareTargets, seriesStart, seriesEnd, step),
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

    const amounts = leaves.map((_, i) => ({
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
      a: {
        powerW: number | null;
        joules: number | null;
        joules24h: number | null;
      },
      notes?: string[],
    ): EnergyOverviewRow => {
      const figures = this.figures(this.kWh(a.joules));
      const energyKWh24h = this.kWh(a.joules24h);
      return {
        entityRef: stringifyEntityRef(entity),
        title: entity.metadata.title,
        powerW: a.powerW,
        energyKWh: figures.energyKWh,
        cost: figures.cost,
        co2Kg: figures.co2Kg,
        energyKWh24h,
        cost24h: this.figures(energyKWh24h).cost,
        ...(notes && notes.length > 0 ? { notes } : {}),
      };
    };
    const totalFigures = this.figures(this.kWh(attribution.total.joules));
    const unattributedFigures = this.figures(
      this.kWh(attribution.unattributed.amounts.joules),
    );
    const sums = new Map<number, number>();
    for (const points of series.values) {
      for (const [t, w] of points) sums.set(t, (sums.get(t) ?? 0) + w);
    }
    const points: EnergySeriesPoint[] = [];
    for (let t = startSeconds; t <= endSeconds; t += step) {
      points.push({ t: t * 1000, w: sums.get(t) ?? null });
    }

    return {
      source: source.kind,
      at: at.toISOString(),
      tariff: this.options.tariff,
      powerW: attribution.total.powerW,
      windows: {
        '24h': this.figures(this.kWh(attribution.total.joules24h)),
        '7d': this.figures(this.kWh(sumKnown(energy7d.values))),
        '30d': this.figures(this.kWh(sumKnown(energy30d.values))),
      },
      monthToDate: this.figures(this.kWh(sumKnown(month.values))),
      window,
      total: totalFigures,
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
        ...unattributedFigures,
        notes: attribution.unattributed.notes,
      },
      series: {
        start: seriesStart.toISOString(),
        end: seriesEnd.toISOString(),
        stepSeconds: step,
        points,
      },
      top: this.consumers(top.values, items),
      warnings: unique(warnings),
    };
  }

  /** A device's filesystems: used and total capacity, and when they were read. */
  async storage(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StorageUsage> {
    const entity = await this.entity(entityRef, credentials);
    const at = this.now();
    const { labels, problem } = filesystemLabels(entity);
    const base = {
      entityRef: stringifyEntityRef(entity),
      source: this.options.source.kind,
      at: at.toISOString(),
    };
    if (!labels) {
      return { ...base, filesystems: [], warnings: problem ? [problem] : [] };
    }
    const answer = await this.cached('filesystems', [labels, at], () =>
      this.options.source.filesystems(labels, at),
    );
    return {
      ...base,
      labels,
      filesystems: answer.values.map(fs => ({
        ...fs,
        usedBytes: fs.sizeBytes - fs.availBytes,
      })),
      warnings: unique(answer.warnings),
    };
  }

  private consumers(
    pods: Array<{ namespace: string; pod: string; joules: number }>,
    components: Entity[],
  ): TopConsumer[] {
    return pods.map(pod => {
      const owner = podOwner(pod.namespace, pod.pod, components);
      const figures = this.figures(joulesToKWh(pod.joules));
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

  private async components(
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'component' } },
      { credentials },
    );
    return items;
  }

  private async entity(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    return entity;
  }

  private leafOf(entity: Entity, warnings: string[]): Leaf[] {
    const resolved = resolveTarget(entity, this.options.isAllowedPowerMetric);
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
      const { items } = await this.options.catalog.getEntitiesByRefs(
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

  /**
   * A workload's energy is a share of its node's, so a group that holds
   * hardware counts the hardware and not the workloads on it again.
   */
  private basis(leaves: Leaf[]): Leaf[] {
    const hardware = leaves.filter(leaf => isHardwareTarget(leaf.target));
    return hardware.length > 0 ? hardware : leaves;
  }

  private measurementOf(target: EnergyTarget): EnergySummary['measuredBy'] {
    if (target.type === 'meter') return 'meter';
    return target.type === 'node' ? 'kepler-node' : 'kepler-workload';
  }

  private clampStep(
    rangeSeconds: number,
    requested: number | undefined,
    warnings: string[],
  ): number {
    const scrape = this.options.scrapeIntervalSeconds;
    const fewest = Math.ceil(rangeSeconds / MAX_POINTS);
    const wanted = requested ?? Math.ceil(rangeSeconds / DEFAULT_POINTS);
    // whole multiples of the scrape interval, at least two scrapes per step
    let step = Math.max(wanted, fewest, 2 * scrape);
    step = Math.ceil(step / scrape) * scrape;
    step = Math.min(step, rangeSeconds);
    if (requested !== undefined && step !== requested) {
      warnings.push(`The step was adjusted from ${requested} s to ${step} s`);
    }
    return step;
  }

  private figures(kWh: number | null): EnergyFigures {
    return energyFigures(kWh, this.options.tariff);
  }

  private kWh(joules: number | null | undefined): number | null {
    return joules === null || joules === undefined ? null : joulesToKWh(joules);
  }

  /** "Now", to the cache's granularity, so that answers in one period agree. */
  private now(): Date {
    const ttl = this.options.cacheTtlSeconds * 1000;
    const now = this.clock().getTime();
    return new Date(ttl > 0 ? Math.floor(now / ttl) * ttl : now);
  }

  private async cached<T>(
    name: string,
    key: unknown[],
    load: () => Promise<SourceAnswer<T>>,
  ): Promise<SourceAnswer<T>> {
    const ttl = this.options.cacheTtlSeconds * 1000;
    if (ttl <= 0) return load();
    const hash = createHash('sha256')
      .update(JSON.stringify([this.options.source.kind, name, ...key]))
      .digest('hex');
    const cacheKey = `energy:${name}:${hash}`;
    try {
      const hit = await this.options.cache.get(cacheKey);
      if (hit) return hit as SourceAnswer<T>;
    } catch (error) {
      this.options.logger.warn(`Energy cache read failed: ${error}`);
    }
    const answer = await load();
    try {
      await this.options.cache.set(cacheKey, answer as any, { ttl });
    } catch (error) {
      this.options.logger.warn(`Energy cache write failed: ${error}`);
    }
    return answer;
  }
}

function byTitle(a: EnergyOverviewRow, b: EnergyOverviewRow): number {
  return (a.title ?? a.entityRef).localeCompare(
    b.title ?? b.entityRef,
    'en-US',
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
