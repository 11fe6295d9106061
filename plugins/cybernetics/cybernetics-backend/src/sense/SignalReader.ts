import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AlertsService } from '@homelab-portal/plugin-alerts-node';
import { BackupsService } from '@homelab-portal/plugin-backups-node';
import {
  Signal,
  SignalSource,
} from '@homelab-portal/plugin-cybernetics-common';
import { EnergyService } from '@homelab-portal/plugin-energy-node';
import {
  UpstreamError,
  fetchUpstream,
  upstreamReason,
} from '@homelab-portal/plugin-homelab-node';

/** What one cycle sensed, and what it could not. */
export type Sensed = {
  signals: Signal[];
  /** Per plugin: how many signals it gave. */
  counts: Record<string, number>;
  source: SignalSource;
  warnings: string[];
};

/** The Kubernetes plugin's route is not there: the plugin is not installed. */
class NotInstalledError extends Error {}

const demo = (source: string | undefined): SignalSource =>
  source === 'demo' ? 'demo' : 'live';

/**
 * Reads the homelab's state through the other plugins' HTTP APIs, as a
 * service (service-to-service auth), never their databases: active alerts,
 * backup compliance, power per node and per top-consuming service with each
 * one's own baseline, and the Kubernetes plugin's workloads for every entity
 * it can show. A plugin that does not answer is a warning; the others are
 * still read.
 */
export class SignalReader {
  constructor(
    private readonly deps: {
      /** The other plugins, through their -node packages' typed services. */
      alerts: AlertsService;
      backups: BackupsService;
      energy: EnergyService;
      /** For the Kubernetes plugin, which has no typed service. */
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs: number;
      /** The long window for power baselines (energy /series range). */
      baselineRange?: '7d' | '24h';
      /** How many top-consuming services to follow for idleness. */
      services?: number;
      /** For Kubernetes workload state: which entities the Kubernetes plugin can show. */
      catalog?: CatalogService;
      /** Kubernetes queries at once (default 8). */
      concurrency?: number;
      /** The Kubernetes plugin's transport (tests). */
      fetch?: typeof fetch;
    },
  ) {}

  /** The Kubernetes plugin's view of one entity's workloads. */
  private async workloads(entityRef: string): Promise<KubernetesWorkloads> {
    const { auth, discovery, timeoutMs } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    const what = 'the kubernetes plugin';
    const { response, text } = await fetchUpstream(
      what,
      `${await discovery.getBaseUrl('kubernetes')}/resources/workloads/query`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ entityRef, auth: {} }),
        timeoutMs,
        fetch: this.deps.fetch,
      },
    );
    if (response.status === 404) {
      throw new NotInstalledError();
    }
    if (!response.ok) {
      throw new UpstreamError(
        `${what} answered HTTP ${
          response.status
        } for ${entityRef}: ${upstreamReason(text)}`,
        { status: response.status },
      );
    }
    return JSON.parse(text) as KubernetesWorkloads;
  }

  /** Workload state of every entity the Kubernetes plugin can show, a few at a time. */
  private async readWorkloads(warnings: string[]): Promise<Signal[]> {
    const { catalog, auth } = this.deps;
    if (!catalog) return [];
    const { items } = await catalog.getEntities(
      {
        filter: [
          {
            'metadata.annotations.backstage.io/kubernetes-id':
              CATALOG_FILTER_EXISTS,
          },
          {
            'metadata.annotations.backstage.io/kubernetes-label-selector':
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const refs = items.map(e => stringifyEntityRef(e));
    const signals: Signal[] = [];
    let failed = 0;
    let lastError = '';
    let notInstalled = false;
    const queue = [...refs];
    const worker = async () => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        try {
          signals.push(...workloadSignals(ref, await this.workloads(ref)));
        } catch (error) {
          if (error instanceof NotInstalledError) {
            notInstalled = true;
            queue.length = 0;
            return;
          }
          failed++;
          lastError = (error as Error).message;
        }
      }
    };
    await Promise.all(
      Array.from({ length: this.deps.concurrency ?? 8 }, () => worker()),
    );
    if (notInstalled) {
      warnings.push(
        'kubernetes: the Kubernetes plugin is not installed in this backend (404), so workload state is not sensed',
      );
    }
    if (failed > 0) {
      warnings.push(
        `kubernetes: ${failed} of ${refs.length} entities could not be read (${lastError})`,
      );
    }
    return signals;
  }

  async read(): Promise<Sensed> {
    const warnings: string[] = [];
    const counts: Record<string, number> = {};
    const sources: SignalSource[] = [];
    const signals: Signal[] = [];
    const attempt = async (name: string, fn: () => Promise<Signal[]>) => {
      try {
        const got = await fn();
        counts[name] = got.length;
        signals.push(...got);
      } catch (error) {
        counts[name] = 0;
        warnings.push(`${name}: ${(error as Error).message}`);
      }
    };

    await Promise.all([
      attempt('alerts', async () => {
        const overview = await this.deps.alerts.getOverview({
          timeoutMs: this.deps.timeoutMs,
        });
        sources.push(demo(overview.source));
        warnings.push(...(overview.warnings ?? []).map(w => `alerts: ${w}`));
        // The most specific entities: those whose own matchers pick the
        // alert, not the systems and domains they are part of.
        return overview.alerts.flatMap(a =>
          (a.matchedEntityRefs ?? a.entityRefs).map(
            (entityRef): Signal => ({
              kind: 'alert',
              source: demo(overview.source),
              entityRef,
              alertmanager: a.alertmanager,
              alertname: a.alertname,
              severity: a.severity,
              fingerprint: a.fingerprint,
              labels: a.labels ?? {},
              annotations: a.annotations ?? {},
              startsAt: a.startsAt,
              suppressed: a.state === 'suppressed',
            }),
          ),
        );
      }),
      attempt('backups', async () => {
        const overview = await this.deps.backups.getOverview({
          timeoutMs: this.deps.timeoutMs,
        });
        sources.push(demo(overview.source));
        return overview.policies.flatMap(p =>
          p.entities.map(
            (e): Signal => ({
              kind: 'backup',
              source: demo(overview.source),
              entityRef: e.entityRef,
              policy: p.policy.name,
              rpo: e.rpo,
              lastGoodAt: e.lastGoodAt,
            }),
          ),
        );
      }),
      attempt('energy', async () => {
        const { energy, timeoutMs } = this.deps;
        const overview = await energy.getOverview({}, { timeoutMs });
        sources.push(demo(overview.source));
        const followed: Array<{ entityRef: string; role: 'node' | 'service' }> =
          [
            ...overview.nodes.map(n => ({
              entityRef: n.entityRef,
              role: 'node' as const,
            })),
            ...[
              ...new Set(
                overview.top
                  .map(t => t.entityRef)
                  .filter((ref): ref is string => Boolean(ref)),
              ),
            ]
              .slice(0, this.deps.services ?? 10)
              .map(entityRef => ({ entityRef, role: 'service' as const })),
          ];
        const range = this.deps.baselineRange ?? '7d';
        return Promise.all(
          followed.map(async ({ entityRef, role }): Promise<Signal> => {
            const series = await energy.getSeries(
              { entityRef, range },
              { timeoutMs },
            );
            return powerSignal(entityRef, role, series, demo(overview.source));
          }),
        );
      }),
      attempt('kubernetes', () => this.readWorkloads(warnings)),
    ]);
    return {
      signals,
      counts,
      source: sources.includes('demo') ? 'demo' : 'live',
      warnings,
    };
  }
}

/**
 * What the Kubernetes plugin's `/resources/workloads/query` answers (its
 * `ObjectsByEntityResponse`), as far as the workload signals read it: the
 * Kubernetes objects' fields that count pods, readiness, crash loops,
 * restarts and replicas. Anything may be missing.
 */
export type KubernetesWorkloads = {
  items?: Array<{
    cluster?: { name?: string };
    resources?: Array<{ type: string; resources?: KubernetesObject[] }>;
  }>;
};

type KubernetesObject = {
  spec?: { replicas?: number };
  status?: {
    conditions?: Array<{ type?: string; status?: string }>;
    containerStatuses?: Array<{
      restartCount?: number;
      state?: { waiting?: { reason?: string } };
    }>;
    availableReplicas?: number;
    readyReplicas?: number;
  };
};

/**
 * A workload signal per cluster from the Kubernetes plugin's answer for one
 * entity: pods and their readiness, crash loops and restarts, and the
 * replicas its Deployments and StatefulSets want and have.
 */
export function workloadSignals(
  entityRef: string,
  answer: KubernetesWorkloads | undefined,
): Signal[] {
  return (answer?.items ?? []).flatMap((item): Signal[] => {
    const byType = new Map(
      (item.resources ?? []).map(r => [r.type, r.resources ?? []]),
    );
    const pods = byType.get('pods') ?? [];
    const sets = [
      ...(byType.get('deployments') ?? []),
      ...(byType.get('statefulsets') ?? []),
    ];
    if (pods.length === 0 && sets.length === 0) return [];
    const statuses = pods.flatMap(p => p.status?.containerStatuses ?? []);
    return [
      {
        kind: 'workload',
        source: 'live',
        entityRef,
        cluster: item.cluster?.name ?? 'unknown',
        pods: pods.length,
        readyPods: pods.filter(p =>
          (p.status?.conditions ?? []).some(
            c => c.type === 'Ready' && c.status === 'True',
          ),
        ).length,
        crashLooping: statuses.filter(
          c => c.state?.waiting?.reason === 'CrashLoopBackOff',
        ).length,
        restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
        desiredReplicas: sets.reduce((n, d) => n + (d.spec?.replicas ?? 1), 0),
        availableReplicas: sets.reduce(
          (n, d) =>
            n + (d.status?.availableReplicas ?? d.status?.readyReplicas ?? 0),
          0,
        ),
      },
    ];
  });
}

/**
 * A power signal from an entity's series: the last hour against the hours
 * before it (the entity's own baseline), and how flat the last hour was.
 */
export function powerSignal(
  entityRef: string,
  role: 'node' | 'service',
  series: {
    stepSeconds: number;
    points: Array<{ t: number; w: number | null }>;
  },
  source: SignalSource,
): Signal {
  const points = (series.points ?? []).filter(
    (p): p is { t: number; w: number } => typeof p.w === 'number',
  );
  const recentCount = Math.max(
    1,
    Math.round(3600 / (series.stepSeconds || 3600)),
  );
  const recent = points.slice(-recentCount).map(p => p.w);
  const history = points.slice(0, -recentCount).map(p => p.w);
  const mean = (xs: number[]) =>
    xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  const recentW = mean(recent);
  const baselineMeanW = mean(history);
  const baselineStdW =
    baselineMeanW === null
      ? null
      : Math.sqrt(
          history.reduce((a, w) => a + (w - baselineMeanW) ** 2, 0) /
            history.length,
        );
  const recentSpread =
    recentW && recent.length > 1
      ? (Math.max(...recent) - Math.min(...recent)) / recentW
      : null;
  return {
    kind: 'power',
    source,
    entityRef,
    role,
    recentW,
    baselineMeanW,
    baselineStdW,
    baselineSamples: history.length,
    recentSpread,
  };
}
