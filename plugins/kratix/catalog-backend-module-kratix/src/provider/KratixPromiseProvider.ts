import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  PromiseEntityDefaults,
  entitiesForPromise,
} from '@homelab-portal/plugin-kratix-node';
import { createHash } from 'node:crypto';
import { PromiseSource } from './sources';

/**
 * Turns Kratix Promises into catalog entities: for each Promise an API entity
 * (its definition is the Promise) and a request template generated from its
 * CRD schema. Each run replaces the provider's entities with what the sources
 * hold now, so an updated Promise regenerates its template and a removed one
 * removes it. A run that finds what the last one found writes nothing. When
 * a source cannot be read, the run writes nothing either: the catalog keeps
 * the last known Promises rather than losing them to an outage.
 */
export class KratixPromiseProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private lastHash?: string;

  constructor(
    private readonly options: {
      sources: PromiseSource[];
      defaults: PromiseEntityDefaults;
      logger: LoggerService;
      taskRunner?: SchedulerServiceTaskRunner;
      /** Stable across restarts; one provider per source keeps an outage of one from touching the others' entities. */
      name?: string;
    },
  ) {}

  getProviderName() {
    return this.options.name ?? 'kratix-promises';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
    await this.options.taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.run();
      },
    });
  }

  /** Reads every source and writes the entities if they changed. Returns whether it wrote. */
  async run(): Promise<{ written: boolean; entities: number }> {
    if (!this.connection)
      throw new Error('KratixPromiseProvider: not connected');
    const { logger, defaults } = this.options;
    const entities: Entity[] = [];
    const seen = new Map<string, string>();
    for (const source of this.options.sources) {
      let result;
      try {
        result = await source.read();
      } catch (error) {
        logger.warn(
          `Kratix Promises: cannot read ${source.describe()} (${
            (error as Error).message
          }); keeping the entities from the last run`,
        );
        return { written: false, entities: 0 };
      }
      for (const problem of result.problems) {
        logger.warn(`Kratix Promises in ${source.describe()}: ${problem}`);
      }
      for (const { promise, origin } of result.promises) {
        let generated;
        try {
          generated = entitiesForPromise(promise, origin, defaults);
        } catch (error) {
          logger.warn(
            `Kratix Promise in ${source.describe()} skipped: ${
              (error as Error).message
            }`,
          );
          continue;
        }
        const first = seen.get(generated.promiseName);
        if (first) {
          logger.warn(
            `Kratix Promise ${
              generated.promiseName
            } is in ${first} and ${source.describe()}; the first is used`,
          );
          continue;
        }
        seen.set(generated.promiseName, source.describe());
        if (generated.problem) {
          logger.warn(
            `Kratix Promise ${generated.promiseName} has no request template: ${generated.problem}`,
          );
        }
        entities.push(generated.api as Entity);
        if (generated.template) entities.push(generated.template as Entity);
      }
    }

    const hash = createHash('sha256')
      .update(JSON.stringify(entities))
      .digest('hex');
    if (hash === this.lastHash) {
      return { written: false, entities: entities.length };
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.lastHash = hash;
    logger.info(
      `Kratix Promises: ${seen.size} Promises, ${entities.length} entities`,
    );
    return { written: true, entities: entities.length };
  }
}
