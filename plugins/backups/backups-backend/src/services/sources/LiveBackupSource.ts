import { LoggerService } from '@backstage/backend-plugin-api';
import { ResticReader, ResticRepository } from '../ResticReader';
import { Cluster, VeleroReader, VeleroState } from '../VeleroReader';
import { VeleroInformer } from '../VeleroInformer';
import {
  BackupFacts,
  BackupSource,
  ResticState,
  ResticFacts,
} from './BackupSource';

/**
 * Velero in each configured cluster and each restic repository. One that
 * fails is a warning while the others answer. Velero's objects are listed
 * once and then kept current by watching them (see VeleroInformer), so a
 * page reads them from memory; restic answers are reused for
 * `cacheSeconds`: a page of 500 entities reads each repository once.
 */
export class LiveBackupSource implements BackupSource {
  readonly kind = 'live' as const;
  private cached?: { at: number; restic: Promise<ResticFacts> };
  private readonly informer: VeleroInformer;

  constructor(
    private readonly options: {
      clusters: Cluster[];
      repositories: ResticRepository[];
      velero: VeleroReader;
      restic: ResticReader;
      logger: LoggerService;
      cacheSeconds: number;
      /** Keep Velero's objects current by watching them (default true). */
      watch?: boolean;
    },
  ) {
    this.informer = new VeleroInformer({
      reader: options.velero,
      logger: options.logger,
      cacheSeconds: options.cacheSeconds,
      watch: options.watch ?? true,
    });
  }

  async read(): Promise<BackupFacts> {
    const warnings: string[] = [];
    const [velero, restic] = await Promise.all([
      Promise.all(
        this.options.clusters.map(cluster =>
          this.informer.read(cluster).catch(error => {
            warnings.push(String(error.message));
            return undefined;
          }),
        ),
      ),
      this.restic(),
    ]);
    return {
      velero: velero.filter((v): v is VeleroState => Boolean(v)),
      restic: restic.restic,
      warnings: [...warnings, ...restic.warnings],
    };
  }

  /** Stops watching the clusters (at shutdown). */
  close() {
    this.informer.close();
  }

  private restic(): Promise<ResticFacts> {
    const now = Date.now();
    if (
      this.cached &&
      now - this.cached.at < this.options.cacheSeconds * 1000
    ) {
      return this.cached.restic;
    }
    const restic = this.loadRestic();
    this.cached = { at: now, restic };
    restic.catch(() => {
      this.cached = undefined;
    });
    return restic;
  }

  private async loadRestic(): Promise<ResticFacts> {
    const warnings: string[] = [];
    const restic = await Promise.all(
      this.options.repositories.map(repo =>
        this.options.restic.snapshots(repo).then(
          result => ({ repository: repo.name, ...result }),
          error => {
            warnings.push(String(error.message));
            return undefined;
          },
        ),
      ),
    );
    for (const warning of warnings)
      this.options.logger.warn(`Backups: ${warning}`);
    return {
      restic: restic.filter((r): r is ResticState => Boolean(r)),
      warnings,
    };
  }
}
