import { LoggerService } from '@backstage/backend-plugin-api';
import { RestoreRun } from '@homelab-portal/plugin-backups-common';
import {
  Cluster,
  KubeObject,
  KubernetesError,
  VeleroBackup,
  VeleroReader,
  VeleroSchedule,
  VeleroState,
  toBackup,
  toRestore,
  toSchedule,
} from './VeleroReader';

/** How long one watch runs before the API server ends it and it is opened again. */
const WATCH_SECONDS = 300;
/** Nothing heard for this long (no change, no bookmark, no end): the watch is taken for dead. */
const SILENCE_MS = (WATCH_SECONDS + 60) * 1000;
/** Watches stop this long after the last read; the next read lists again. */
const IDLE_MS = 15 * 60_000;
/** After the API server refuses to watch (RBAC without `watch`), lists are reused this long. */
const REFUSED_MS = 10 * 60_000;

type Plural = 'backups' | 'schedules' | 'restores';

type Convert<T> = (object: KubeObject) => T;

/**
 * One collection of one cluster, kept current: listed once, then watched
 * from the list's resourceVersion; every change the watch reports is
 * applied here. While the watch runs, a read costs no request at all. When
 * the watch cannot run (refused, broken, history expired), reads fall back
 * to a fresh list, reused for `cacheSeconds` as before.
 */
class Collection<T> {
  /** Bumped on every change: a read built from an unchanged version is reused. */
  version = 0;
  private items = new Map<string, T>();
  private live = false;
  private listedAt = -Infinity;
  private failure?: { at: number; error: Error };
  private listing?: Promise<void>;
  private controller?: AbortController;
  private refusedUntil = 0;
  private lastReadAt = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly plural: Plural,
    private readonly convert: Convert<T>,
    private readonly options: InformerOptions,
  ) {}

  values(): T[] {
    return [...this.items.values()];
  }

  /** Makes the items current: nothing to do while watching; else lists. */
  async ensure(): Promise<void> {
    const now = Date.now();
    this.lastReadAt = now;
    if (this.listing) return this.listing;
    if (this.live) return undefined;
    const cacheMs = this.options.cacheSeconds * 1000;
    if (this.failure && now - this.failure.at < cacheMs) {
      throw this.failure.error;
    }
    if (now - this.listedAt < cacheMs) return undefined;
    return this.relist();
  }

  close() {
    this.controller?.abort();
    this.controller = undefined;
    this.live = false;
  }

  private relist(): Promise<void> {
    this.listing = (async () => {
      try {
        const { items, resourceVersion } =
          await this.options.reader.listWithVersion(this.cluster, this.plural);
        this.items = new Map(
          items.map(object => [object.metadata.name, this.convert(object)]),
        );
        this.version++;
        this.listedAt = Date.now();
        this.failure = undefined;
        if (
          resourceVersion &&
          this.options.watch &&
          Date.now() >= this.refusedUntil
        ) {
          this.startWatch(resourceVersion);
        }
      } catch (error) {
        this.failure = { at: Date.now(), error: error as Error };
        this.options.logger.warn(`Backups: ${(error as Error).message}`);
        throw error;
      } finally {
        this.listing = undefined;
      }
    })();
    return this.listing;
  }

  private startWatch(from: string) {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.live = true;
    void this.watch(from, controller);
  }

  private async watch(from: string, controller: AbortController) {
    // where the next watch starts: the last change or bookmark seen
    const position = { resourceVersion: from };
    let outcome: 'ended' | 'expired' | 'idle' | 'failed' = 'failed';
    let short = 0;
    try {
      for (;;) {
        const openedAt = Date.now();
        outcome = await this.options.reader.watch(this.cluster, this.plural, {
          resourceVersion: position.resourceVersion,
          timeoutSeconds: WATCH_SECONDS,
          silenceMs: SILENCE_MS,
          signal: controller.signal,
          onEvent: event => {
            if (event.type === 'BOOKMARK') {
              position.resourceVersion = event.resourceVersion;
              return;
            }
            position.resourceVersion = event.object.metadata.resourceVersion!;
            if (event.type === 'DELETED') {
              this.items.delete(event.object.metadata.name);
            } else {
              this.items.set(
                event.object.metadata.name,
                this.convert(event.object),
              );
            }
            this.version++;
          },
        });
        if (outcome === 'expired') break;
        // a server (or proxy) that ends watches at once must not be asked in a loop
        short = Date.now() - openedAt < 1000 ? short + 1 : 0;
        if (short >= 5) {
          throw new KubernetesError(
            `Kubernetes (${this.cluster.name}): the watch of ${this.plural} keeps ending at once`,
          );
        }
        if (short > 0) {
          await new Promise(resolve => setTimeout(resolve, 1000).unref?.());
          if (controller.signal.aborted) return;
        }
        if (Date.now() - this.lastReadAt > IDLE_MS) {
          outcome = 'idle';
          break;
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      const status = (error as KubernetesError).status;
      if (status === 403 || status === 405 || status === 501) {
        // no `watch` in the service account's role: list per read, as before
        this.refusedUntil = Date.now() + REFUSED_MS;
        this.options.logger.warn(
          `Backups: ${
            (error as Error).message
          }; reading by list instead (grant "watch" on velero.io ${
            this.plural
          } for current backups at no cost per read)`,
        );
        if (this.controller === controller) {
          this.controller = undefined;
          this.live = false;
        }
        return;
      }
      this.options.logger.warn(
        `Backups: ${(error as Error).message}; listing them again`,
      );
    }
    if (this.controller !== controller) return;
    this.controller = undefined;
    this.live = false;
    // what the watch missed is unknown: the next read lists again
    this.listedAt = -Infinity;
    if (outcome === 'idle') {
      this.items = new Map();
      this.version++;
    } else if (outcome === 'expired' && !this.listing) {
      // history moved on (etcd compaction): list again now, not on the next read
      this.relist().catch(() => undefined);
    }
  }
}

export type InformerOptions = {
  reader: VeleroReader;
  logger: LoggerService;
  /** How long a list is reused, and a failure remembered, when no watch runs. */
  cacheSeconds: number;
  /** Watch after listing (default): reads then cost no request. */
  watch: boolean;
};

type ClusterCollections = {
  backups: Collection<VeleroBackup>;
  schedules: Collection<VeleroSchedule>;
  restores: Collection<RestoreRun>;
  state?: { versions: string; state: VeleroState };
};

/**
 * Velero's Backups, Schedules and Restores per cluster, kept current by
 * list-then-watch (an informer): a page reads them from memory, and the
 * same VeleroState object comes back while nothing has changed, so what is
 * worked out from it (indexes) is reused.
 */
export class VeleroInformer {
  private readonly clusters = new Map<string, ClusterCollections>();

  constructor(private readonly options: InformerOptions) {}

  async read(cluster: Cluster): Promise<VeleroState> {
    const collections = this.collectionsOf(cluster);
    await Promise.all([
      collections.backups.ensure(),
      collections.schedules.ensure(),
      collections.restores.ensure(),
    ]);
    const versions = [
      collections.backups.version,
      collections.schedules.version,
      collections.restores.version,
    ].join('/');
    if (collections.state?.versions !== versions) {
      collections.state = {
        versions,
        state: {
          cluster: cluster.name,
          backups: collections.backups.values(),
          schedules: collections.schedules.values(),
          restores: collections.restores.values(),
        },
      };
    }
    return collections.state.state;
  }

  /** Stops every watch (at shutdown). */
  close() {
    for (const c of this.clusters.values()) {
      c.backups.close();
      c.schedules.close();
      c.restores.close();
    }
    this.clusters.clear();
  }

  private collectionsOf(cluster: Cluster): ClusterCollections {
    const key = `${cluster.name}|${cluster.url}`;
    let collections = this.clusters.get(key);
    if (!collections) {
      collections = {
        backups: new Collection(cluster, 'backups', toBackup, this.options),
        schedules: new Collection(
          cluster,
          'schedules',
          toSchedule,
          this.options,
        ),
        restores: new Collection(cluster, 'restores', toRestore, this.options),
      };
      this.clusters.set(key, collections);
    }
    return collections;
  }
}
