import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityRecovery,
  RecoveryReadiness,
} from '@homelab-portal/plugin-backups-common';
import { Cluster } from '@homelab-portal/plugin-homelab-node';
import { DrillStore } from '../drills/DrillStore';
import { BackupSource } from '../services/sources';
import { ArgoCdReader } from './ArgoCdReader';
import { ClusterObjects, ClusterReader } from './ClusterReader';
import {
  ReadinessInputs,
  ReadinessSettings,
  computeEntityRecovery,
  computeReadiness,
} from './compute';

export type ReadinessServiceOptions = {
  catalog: CatalogService;
  source: BackupSource;
  argocd?: ArgoCdReader;
  clusters: Cluster[];
  clusterReader: ClusterReader;
  drills: DrillStore;
  settings: ReadinessSettings;
  logger: LoggerService;
  cacheSeconds: number;
  clock?: () => Date;
};

/**
 * Recovery readiness for the seed's four procedures, from live sources:
 * ArgoCD (self-heal), the clusters (what survives a node), Velero and restic
 * (backups, off-site copies) and the drills the portal recorded. Upstream
 * answers are reused for a short while; the catalog is read per request,
 * with the caller's credentials.
 */
export class ReadinessService {
  private readonly clock: () => Date;
  private cached?: {
    at: number;
    inputs: Promise<Omit<ReadinessInputs, 'entities' | 'drills'>>;
  };

  private constructor(private readonly options: ReadinessServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  static create(options: ReadinessServiceOptions) {
    return new ReadinessService(options);
  }

  async overview(
    credentials: BackstageCredentials,
  ): Promise<RecoveryReadiness> {
    const inputs = await this.inputs(credentials);
    return computeReadiness(inputs, this.options.settings, this.clock());
  }

  async entity(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<EntityRecovery> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const inputs = await this.inputs(credentials);
    return computeEntityRecovery(
      entity,
      inputs,
      this.options.settings,
      this.clock(),
    );
  }

  private async inputs(
    credentials: BackstageCredentials,
  ): Promise<ReadinessInputs> {
    const [upstream, { items }, drills] = await Promise.all([
      this.upstream(),
      this.options.catalog.getEntities(
        {
          filter: [{ kind: 'component' }, { kind: 'resource' }],
          fields: ['kind', 'metadata', 'spec.type'],
        },
        { credentials },
      ),
      this.options.drills.list({ limit: 200 }),
    ]);
    return { ...upstream, entities: items, drills };
  }

  private upstream() {
    const now = Date.now();
    if (
      this.cached &&
      now - this.cached.at < this.options.cacheSeconds * 1000
    ) {
      return this.cached.inputs;
    }
    const inputs = this.load();
    this.cached = { at: now, inputs };
    inputs.catch(() => {
      this.cached = undefined;
    });
    return inputs;
  }

  private async load(): Promise<Omit<ReadinessInputs, 'entities' | 'drills'>> {
    const warnings: string[] = [];
    const { argocd, clusters, clusterReader } = this.options;
    const [argo, clusterResults, facts] = await Promise.all([
      argocd
        ? argocd.applications().then(
            applications => ({ state: 'ok' as const, applications }),
            error => ({
              state: 'failed' as const,
              error: String(error.message),
            }),
          )
        : Promise.resolve({ state: 'absent' as const }),
      Promise.all(
        clusters.map(cluster =>
          clusterReader.read(cluster).then(
            result => {
              warnings.push(...result.warnings);
              return { objects: result.objects, error: undefined };
            },
            error => ({
              objects: undefined,
              error: String(error.message),
            }),
          ),
        ),
      ),
      this.options.source.read(),
    ]);
    const objects = clusterResults
      .map(r => r.objects)
      .filter((o): o is ClusterObjects => Boolean(o));
    const errors = clusterResults
      .map(r => r.error)
      .filter((e): e is string => Boolean(e));
    for (const w of [...warnings, ...errors]) {
      this.options.logger.warn(`Recovery readiness: ${w}`);
    }
    return {
      argocd: argo,
      clusters:
        clusters.length === 0
          ? { state: 'absent' }
          : { state: 'ok', objects, errors },
      facts,
      source: this.options.source.kind,
      warnings: [...warnings, ...facts.warnings],
    };
  }
}
