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
  EnergySeries,
  EnergySummary,
  EnergyWindow,
  StorageUsage,
  Tariff,
  TopConsumers,
  sumKnown,
} from '@homelab-portal/plugin-energy-common';
import { AnswerCache } from './answerCache';
import { filesystemLabels } from './entityTargets';
import { consumers, figuresOfJoules, kWh, unique } from './figures';
import { EnergyOverviewReader } from './overview';
import { SystemParts, basis, isAggregate, measurementOf } from './systemParts';
import {
  SERIES_RANGES,
  SeriesRange,
  clampStep,
  sumSeries,
  timeGrid,
} from './timeGrid';
import { EnergySource } from './types';

export { SERIES_RANGES };
export type { SeriesRange };

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
 * what measures it (systemParts.ts, entityTargets.ts), sums Systems and
 * Domains over their parts, and converts energy to cost and CO2. Entities
 * are read with the caller's credentials, so the catalog's permissions
 * decide what anyone can ask about. The lab-wide view is overview.ts.
 */
export class EnergyService {
  private readonly answers: AnswerCache;
  private readonly parts: SystemParts;
  private readonly overviewReader: EnergyOverviewReader;

  private constructor(private readonly options: EnergyServiceOptions) {
    this.answers = new AnswerCache({
      cache: options.cache,
      logger: options.logger,
      sourceKind: options.source.kind,
      ttlSeconds: options.cacheTtlSeconds,
      clock: options.clock ?? (() => new Date()),
    });
    this.parts = new SystemParts(options.catalog, options.isAllowedPowerMetric);
    this.overviewReader = new EnergyOverviewReader({
      catalog: options.catalog,
      source: options.source,
      tariff: options.tariff,
      parts: this.parts,
      answers: this.answers,
      scrapeIntervalSeconds: options.scrapeIntervalSeconds,
    });
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
    const at = this.answers.now();
    const warnings: string[] = [];
    const aggregate = isAggregate(entity);
    const leaves = basis(
      await this.parts.leaves(entity, credentials, warnings),
    );
    const targets = leaves.map(leaf => leaf.target);
    const source = this.options.source;

    const [power, ...energies] = await Promise.all([
      this.answers.get('power', [targets, at], () => source.power(targets, at)),
      ...ENERGY_WINDOW_NAMES.map(window =>
        this.answers.get('energy', [targets, window, at], () =>
          source.energy(targets, ENERGY_WINDOWS[window], at),
        ),
      ),
    ]);
    warnings.push(...power.warnings, ...energies.flatMap(e => e.warnings));

    const windows = {} as Record<EnergyWindow, EnergyFigures>;
    ENERGY_WINDOW_NAMES.forEach((window, i) => {
      windows[window] = figuresOfJoules(
        sumKnown(energies[i].values),
        this.options.tariff,
      );
    });
    if (targets.length === 0) {
      warnings.push(`Nothing measures ${stringifyEntityRef(entity)}`);
    }
    let measuredBy: EnergySummary['measuredBy'] = 'parts';
    if (!aggregate && targets[0]) {
      measuredBy = measurementOf(targets[0]);
    }
    return {
      entityRef: stringifyEntityRef(entity),
      source: source.kind,
      measuredBy,
      at: at.toISOString(),
      powerW: sumKnown(power.values),
      windows,
      tariff: this.options.tariff,
      parts: aggregate
        ? leaves.map((leaf, i) => ({
            entityRef: stringifyEntityRef(leaf.entity),
            title: leaf.entity.metadata.title,
            powerW: power.values[i],
            energyKWh24h: kWh(energies[0].values[i]),
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
    const targets = basis(
      await this.parts.leaves(entity, credentials, warnings),
    ).map(leaf => leaf.target);
    const rangeSeconds = SERIES_RANGES[range];
    const grid = timeGrid(
      this.answers.now(),
      rangeSeconds,
      clampStep(
        rangeSeconds,
        requestedStep,
        this.options.scrapeIntervalSeconds,
        warnings,
      ),
    );
    const answer = await this.answers.get(
      'series',
      [targets, grid.start, grid.end, grid.step],
      () =>
        this.options.source.powerSeries(
          targets,
          grid.start,
          grid.end,
          grid.step,
        ),
    );
    warnings.push(...answer.warnings);
    return {
      entityRef: stringifyEntityRef(entity),
      source: this.options.source.kind,
      start: grid.start.toISOString(),
      end: grid.end.toISOString(),
      stepSeconds: grid.step,
      points: sumSeries(answer.values, grid),
      warnings: unique(warnings),
    };
  }

  async top(
    window: EnergyWindow,
    limit: number,
    credentials: BackstageCredentials,
  ): Promise<TopConsumers> {
    const at = this.answers.now();
    const [answer, components] = await Promise.all([
      this.answers.get('top', [window, limit, at], () =>
        this.options.source.topPods(ENERGY_WINDOWS[window], at, limit),
      ),
      this.components(credentials),
    ]);
    return {
      source: this.options.source.kind,
      window,
      at: at.toISOString(),
      items: consumers(answer.values, components, this.options.tariff),
      warnings: unique(answer.warnings),
    };
  }

  async overview(
    credentials: BackstageCredentials,
    window: EnergyWindow = '24h',
  ): Promise<EnergyOverview> {
    return this.overviewReader.read(credentials, window);
  }

  /** A device's filesystems: used and total capacity, and when they were read. */
  async storage(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StorageUsage> {
    const entity = await this.entity(entityRef, credentials);
    const at = this.answers.now();
    const { labels, problem } = filesystemLabels(entity);
    const base = {
      entityRef: stringifyEntityRef(entity),
      source: this.options.source.kind,
      at: at.toISOString(),
    };
    if (!labels) {
      return { ...base, filesystems: [], warnings: problem ? [problem] : [] };
    }
    const answer = await this.answers.get('filesystems', [labels, at], () =>
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
}
