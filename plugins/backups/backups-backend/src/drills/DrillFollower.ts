import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DRILL_ENTITY_ANNOTATION,
  DRILL_LABEL,
  DrillResult,
  outcomeOfPhase,
} from '@homelab-portal/plugin-backups-common';
import { canonicalEntityRef } from '@homelab-portal/plugin-homelab-common';
import { Cluster } from '@homelab-portal/plugin-homelab-node';
import { ClusterReader, KubeObject } from '../readiness/ClusterReader';
import { DrillStore } from './DrillStore';
import { ResticDrill, ResticDrillRepository } from './ResticDrill';

export type DrillFollowerOptions = {
  clusters: Cluster[];
  veleroNamespace: string;
  reader: ClusterReader;
  store: DrillStore;
  restic: ResticDrill;
  repositories: ResticDrillRepository[];
  /** A drill not verified this long after it started has failed, in seconds. */
  drillTimeoutSeconds: number;
  logger: LoggerService;
  clock?: () => Date;
};

function time(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** Whether a Deployment or StatefulSet has all its replicas Ready. */
function isReady(o: KubeObject): boolean {
  const want = typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
  return want > 0 && (o.status?.readyReplicas ?? 0) >= want;
}

/** When a Deployment became Available, per its condition, if it says. */
function availableAt(o: KubeObject): number | null {
  const c = (o.status?.conditions ?? []).find(
    (x: { type?: string; status?: string }) =>
      x.type === 'Available' && x.status === 'True',
  );
  return time(c?.lastTransitionTime);
}

/**
 * Follows restore drills to a verified or failed result, and records each
 * with its measured time to recover:
 *
 * - Velero: Restores labelled homelab-portal.io/restore-drill (the
 *   restore-drill template's pull request puts them in the cluster), which
 *   restore into a scratch namespace (namespaceMapping). Verified when the
 *   Restore is Completed and every Deployment and StatefulSet it put in the
 *   scratch namespace has all its replicas Ready; the time to recover runs
 *   from the Restore's start to the last of them becoming Available.
 * - restic: ConfigMaps with the same label in Velero's namespace name a
 *   configured repository and a snapshot; the portal restores it into a
 *   scratch path, runs `restic check` and compares a checksum sample.
 */
export class DrillFollower {
  private readonly clock: () => Date;

  constructor(private readonly options: DrillFollowerOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** One pass over every cluster; a cluster that fails is logged, the rest go on. */
  async poll(): Promise<void> {
    for (const cluster of this.options.clusters) {
      try {
        await this.followVelero(cluster);
        await this.runRestic(cluster);
      } catch (error) {
        this.options.logger.warn(
          `Restore drills in ${cluster.name}: ${(error as Error).message}`,
        );
      }
    }
  }

  private path(plural: string) {
    return `/apis/velero.io/v1/namespaces/${encodeURIComponent(
      this.options.veleroNamespace,
    )}/${plural}?${new URLSearchParams({ labelSelector: DRILL_LABEL })}`;
  }

  private entityOf(o: KubeObject): string | null {
    const text = o.metadata.annotations?.[DRILL_ENTITY_ANNOTATION];
    return (text && canonicalEntityRef(text)) || null;
  }

  async followVelero(cluster: Cluster): Promise<void> {
    const { reader, store } = this.options;
    const restores = await reader.list(cluster, this.path('restores'));
    const seen = new Set<string>();
    for (const restore of restores) {
      const id = `velero:${cluster.name}/${restore.metadata.name}`;
      seen.add(id);
      const known = await store.get(id);
      if (known && known.status !== 'running') continue;
      const drill = await this.judgeRestore(cluster, id, restore);
      await store.save(drill);
    }
    // a drill whose Restore vanished before it finished did not verify anything
    for (const drill of await store.running()) {
      if (
        drill.tool === 'velero' &&
        drill.id.startsWith(`velero:${cluster.name}/`) &&
        !seen.has(drill.id)
      ) {
        await store.save({
          ...drill,
          status: 'failed',
          finishedAt: this.clock().toISOString(),
          checks: [
            ...drill.checks,
            'The Restore was deleted from the cluster before the drill finished',
          ],
        });
      }
    }
  }

  private async judgeRestore(
    cluster: Cluster,
    id: string,
    restore: KubeObject,
  ): Promise<DrillResult> {
    const now = this.clock();
    const mapping: Record<string, string> =
      restore.spec?.namespaceMapping ?? {};
    const scratch = Object.values(mapping);
    const startedAt =
      restore.status?.startTimestamp ??
      restore.metadata.creationTimestamp ??
      now.toISOString();
    const base: DrillResult = {
      id,
      entityRef: this.entityOf(restore),
      tool: 'velero',
      target: restore.metadata.name,
      source: String(restore.spec?.backupName ?? ''),
      scratch: scratch.join(', '),
      status: 'running',
      startedAt,
      finishedAt: null,
      durationSeconds: null,
      checks: [],
    };
    const fail = (why: string): DrillResult => ({
      ...base,
      status: 'failed',
      finishedAt: now.toISOString(),
      checks: [...base.checks, why],
    });
    if (scratch.length === 0) {
      return fail(
        'The Restore has no namespaceMapping: a drill restores into a scratch namespace, never over the live one',
      );
    }
    const phase = restore.status?.phase ?? '';
    const outcome = outcomeOfPhase(phase);
    const started = time(startedAt) ?? now.getTime();
    const overdue =
      now.getTime() - started > this.options.drillTimeoutSeconds * 1000;
    if (outcome === 'failed' || outcome === 'partial') {
      const errors = [
        restore.status?.failureReason,
        ...(restore.status?.validationErrors ?? []),
      ].filter(Boolean);
      return fail(
        `Velero restore ${phase}${
          errors.length ? `: ${errors.join('; ')}` : ''
        }`,
      );
    }
    if (outcome !== 'succeeded') {
      return overdue
        ? fail(
            `Velero restore still ${phase || 'not started'} after ${Math.round(
              this.options.drillTimeoutSeconds / 60,
            )} min`,
          )
        : base;
    }
    base.checks.push(`Velero restore Completed from backup ${base.source}`);
    const workloads: KubeObject[] = [];
    for (const namespace of scratch) {
      for (const plural of ['deployments', 'statefulsets']) {
        workloads.push(
          ...(await this.options.reader.list(
            cluster,
            `/apis/apps/v1/namespaces/${encodeURIComponent(
              namespace,
            )}/${plural}`,
          )),
        );
      }
    }
    if (workloads.length === 0) {
      return fail(
        `The restore put no Deployment or StatefulSet in ${scratch.join(', ')}`,
      );
    }
    const waiting = workloads.filter(w => !isReady(w));
    if (waiting.length > 0) {
      const what = waiting
        .map(
          w =>
            `${w.metadata.name} ${w.status?.readyReplicas ?? 0}/${
              typeof w.spec?.replicas === 'number' ? w.spec.replicas : 1
            } Ready`,
        )
        .join(', ');
      return overdue
        ? fail(
            `Not Ready within ${Math.round(
              this.options.drillTimeoutSeconds / 60,
            )} min: ${what}`,
          )
        : { ...base, checks: [...base.checks, `Waiting: ${what}`] };
    }
    // Ready: when the last one became Available (or now, if it does not say)
    const readyAt = Math.max(
      ...workloads.map(w => availableAt(w) ?? now.getTime()),
    );
    const finished = Math.min(now.getTime(), Math.max(readyAt, started));
    return {
      ...base,
      status: 'verified',
      finishedAt: new Date(finished).toISOString(),
      durationSeconds: (finished - started) / 1000,
      checks: [
        ...base.checks,
        `${workloads.length} workload${
          workloads.length === 1 ? '' : 's'
        } Ready in ${scratch.join(', ')}: ${workloads
          .map(w => w.metadata.name)
          .join(', ')}`,
      ],
    };
  }

  async runRestic(cluster: Cluster): Promise<void> {
    const { reader, store } = this.options;
    const requests = await reader.list(
      cluster,
      `/api/v1/namespaces/${encodeURIComponent(
        this.options.veleroNamespace,
      )}/configmaps?${new URLSearchParams({ labelSelector: DRILL_LABEL })}`,
    );
    for (const request of requests) {
      const id = `restic:${cluster.name}/${request.metadata.name}`;
      if (await store.get(id)) continue;
      const repositoryName = String(request.data?.repository ?? '');
      const snapshot = String(request.data?.snapshot ?? '');
      const startedAt = this.clock().toISOString();
      const base: DrillResult = {
        id,
        entityRef: this.entityOf(request),
        tool: 'restic',
        target: snapshot.slice(0, 64),
        source: repositoryName.slice(0, 100),
        scratch: '',
        status: 'running',
        startedAt,
        finishedAt: null,
        durationSeconds: null,
        checks: [],
      };
      const repo = this.options.repositories.find(
        r => r.name === repositoryName,
      );
      if (!repo) {
        await store.save({
          ...base,
          status: 'failed',
          finishedAt: startedAt,
          checks: [
            `"${repositoryName.slice(
              0,
              100,
            )}" is not a configured restic repository (backups.restic.repositories)`,
          ],
        });
        continue;
      }
      await store.save(base);
      const outcome = await this.options.restic
        .run(repo, snapshot, request.metadata.name)
        .catch(error => ({
          verified: false,
          snapshot,
          scratch: '',
          durationSeconds: 0,
          restoreSeconds: 0,
          checks: [String(error.message)],
        }));
      await store.save({
        ...base,
        target: outcome.snapshot.slice(0, 64),
        scratch: outcome.scratch,
        status: outcome.verified ? 'verified' : 'failed',
        finishedAt: this.clock().toISOString(),
        durationSeconds: outcome.verified ? outcome.durationSeconds : null,
        checks: outcome.checks,
      });
    }
  }
}
