import { EnergyTarget } from './types';
import { LabelMatcher, duration, escapeRegex, selector } from './promql';

/**
 * Kepler's energy counters in both generations in use. 0.7.x exports
 * `kepler_node_platform_joules_total` and `kepler_container_joules_total`
 * (namespace label `container_namespace`, summed over `mode`); 0.10+ exports
 * per-zone `kepler_node_cpu_*`, `kepler_pod_cpu_*` and GPU counters.
 */
export const KEPLER_METRICS = {
  nodeCpu: 'kepler_node_cpu_joules_total',
  nodeGpu: 'kepler_node_gpu_joules_total',
  podCpu: 'kepler_pod_cpu_joules_total',
  podGpu: 'kepler_pod_gpu_joules_total',
  legacyNode: 'kepler_node_platform_joules_total',
  legacyContainer: 'kepler_container_joules_total',
  /** kube-state-metrics: pod labels, for backstage.io/kubernetes-label-selector. */
  podLabels: 'kube_pod_labels',
} as const;

export type KeplerQueryOptions = {
  /**
   * RAPL zones in order of preference. Zones overlap (`package` holds
   * `core`), so one entry is used per series, never summed with another;
   * `package+dram` sums zones that do not overlap.
   */
  zones: string[];
  /** The node label of the 0.7.x node series. */
  legacyNodeLabel: string;
  scrapeIntervalSeconds: number;
  /** Power gauges hardware may declare (smart plugs, Redfish). */
  powerMetrics: string[];
};

/** How a counter becomes watts: over the last few scrapes, or per step. */
type RateMode =
  | { type: 'now'; windowSeconds: number }
  | { type: 'step'; stepSeconds: number; innerSeconds: number };

const TARGET_LABEL = 'hp_target';
const FINITE = '>= 0 < +Inf';

export class KeplerQueries {
  private readonly allowed: ReadonlySet<string>;

  constructor(private readonly options: KeplerQueryOptions) {
    this.allowed = new Set([
      ...Object.values(KEPLER_METRICS),
      ...options.powerMetrics,
    ]);
  }

  isAllowedPowerMetric(metric: string): boolean {
    return this.options.powerMetrics.includes(metric);
  }

  /** The window of the "power now" rate: four scrapes, at least 2 minutes. */
  nowMode(): RateMode {
    return {
      type: 'now',
      windowSeconds: Math.max(120, 4 * this.options.scrapeIntervalSeconds),
    };
  }

  /**
   * Per-step rates read the counter through a subquery filtered to finite,
   * non-negative samples, so a NaN or +Inf sample is skipped instead of
   * poisoning the step. A counter's rate needs only the step's first and
   * last sample (and any reset between), so five per step are plenty.
   */
  stepMode(stepSeconds: number): RateMode {
    return {
      type: 'step',
      stepSeconds,
      innerSeconds: Math.max(
        this.options.scrapeIntervalSeconds,
        Math.floor(stepSeconds / 5),
      ),
    };
  }

  /** The step at which energy over a window is integrated. */
  energyStep(windowSeconds: number): number {
    const minimum = 4 * this.options.scrapeIntervalSeconds;
    if (windowSeconds <= 2 * 86400) return Math.max(minimum, 300);
    if (windowSeconds <= 8 * 86400) return Math.max(minimum, 1800);
    return Math.max(minimum, 3600);
  }

  /** Power of each target, as one query whose series carry `hp_target`. */
  targetsPower(targets: EnergyTarget[], mode: RateMode): string {
    return targets
      .map(
        (target, index) =>
          `label_replace(${this.targetPower(
            target,
            mode,
          )}, "${TARGET_LABEL}", "${index}", "", "")`,
      )
      .join(' or ');
  }

  /**
   * Energy in joules over the window: the per-step power, summed over
   * exactly window/step steps (the range is one second short, so the
   * subquery's boundaries never count a step twice).
   */
  targetsEnergy(targets: EnergyTarget[], windowSeconds: number): string {
    const step = this.energyStep(windowSeconds);
    const power = this.targetsPower(targets, this.stepMode(step));
    return `sum_over_time((${power})[${duration(windowSeconds - 1)}:${duration(
      step,
    )}]) * ${step}`;
  }

  topPodsEnergy(windowSeconds: number, limit: number): string {
    const step = this.energyStep(windowSeconds);
    const mode = this.stepMode(step);
    const pod = '(pod_namespace, pod_name)';
    const cpu = this.zoneChain(
      KEPLER_METRICS.podCpu,
      [],
      mode,
      `sum by ${pod}`,
    );
    const gpu = `sum by ${pod}(${this.rate(KEPLER_METRICS.podGpu, [], mode)})`;
    const legacy = `sum by ${pod}(label_replace(${this.rate(
      KEPLER_METRICS.legacyContainer,
      [],
      mode,
    )}, "pod_namespace", "$1", "container_namespace", "(.*)"))`;
    // CPU and GPU are told apart by a label so that `or` keeps both, then
    // added per pod: each is evaluated once.
    const current = `sum by ${pod}(label_replace(${cpu}, "hp_part", "cpu", "", "") or label_replace(${gpu}, "hp_part", "gpu", "", ""))`;
    const power = `(${current}) or (${legacy})`;
    return `topk(${Math.floor(limit)}, sum_over_time((${power})[${duration(
      windowSeconds - 1,
    )}:${duration(step)}]) * ${step})`;
  }

  private targetPower(target: EnergyTarget, mode: RateMode): string {
    switch (target.type) {
      case 'node':
        return this.keplerPower(
          [{ name: 'node_name', op: '=', value: target.node }],
          KEPLER_METRICS.nodeCpu,
          KEPLER_METRICS.nodeGpu,
          KEPLER_METRICS.legacyNode,
          [{ name: this.options.legacyNodeLabel, op: '=', value: target.node }],
          mode,
        );
      case 'workload': {
        const pods: LabelMatcher[] = target.podPrefix
          ? [
              {
                name: 'pod_name',
                op: '=~',
                value: `${escapeRegex(target.podPrefix)}(-.+)?`,
              },
            ]
          : [];
        const labelled = (namespaceLabel: string) =>
          target.labelSelector
            ? this.podsLabelled(
                target.namespace,
                target.labelSelector,
                namespaceLabel,
              )
            : undefined;
        return this.keplerPower(
          [
            { name: 'pod_namespace', op: '=', value: target.namespace },
            ...pods,
          ],
          KEPLER_METRICS.podCpu,
          KEPLER_METRICS.podGpu,
          KEPLER_METRICS.legacyContainer,
          [
            { name: 'container_namespace', op: '=', value: target.namespace },
            ...pods,
          ],
          mode,
          labelled('pod_namespace'),
          labelled('container_namespace'),
        );
      }
      case 'meter': {
        const labels = Object.entries(target.labels).map(
          ([name, value]): LabelMatcher => ({ name, op: '=', value }),
        );
        const series = selector(target.metric, labels, this.allowed);
        if (mode.type === 'now') {
          return `sum(${series} ${FINITE})`;
        }
        return `sum(avg_over_time((${series} ${FINITE})[${duration(
          mode.stepSeconds,
        )}:${duration(mode.innerSeconds)}]))`;
      }
      default:
        throw new Error(`Unknown energy target ${JSON.stringify(target)}`);
    }
  }

  /**
   * New-generation CPU (one zone set) plus GPU where there is one; the 0.7.x
   * series only where there is no new-generation series at that instant, so
   * a cluster halfway through an upgrade is never counted twice.
   */
  private keplerPower(
    matchers: LabelMatcher[],
    cpuMetric: string,
    gpuMetric: string,
    legacyMetric: string,
    legacyMatchers: LabelMatcher[],
    mode: RateMode,
    podFilter?: string,
    legacyPodFilter?: string,
  ): string {
    const cpu = this.zoneChain(cpuMetric, matchers, mode, 'sum', podFilter);
    const gpu = `sum(${this.rate(gpuMetric, matchers, mode, podFilter)})`;
    const legacy = `sum(${this.rate(
      legacyMetric,
      legacyMatchers,
      mode,
      legacyPodFilter,
    )})`;
    return `(((${cpu}) + ((${gpu}) or vector(0))) or (${legacy}))`;
  }

  private zoneChain(
    metric: string,
    matchers: LabelMatcher[],
    mode: RateMode,
    aggregate: string,
    podFilter?: string,
  ): string {
    return this.options.zones
      .map(zoneSet => {
        const zones = zoneSet.split('+').map(zone => escapeRegex(zone.trim()));
        const zone: LabelMatcher = {
          name: 'zone',
          op: '=~',
          value: zones.join('|'),
        };
        return `${aggregate}(${this.rate(
          metric,
          [...matchers, zone],
          mode,
          podFilter,
        )})`;
      })
      .join(' or ');
  }

  private rate(
    metric: string,
    matchers: LabelMatcher[],
    mode: RateMode,
    podFilter?: string,
  ): string {
    const series = selector(metric, matchers, this.allowed);
    const rate =
      mode.type === 'now'
        ? `rate(${series}[${duration(mode.windowSeconds)}]) ${FINITE}`
        : `rate((${series} ${FINITE})[${duration(mode.stepSeconds)}:${duration(
            mode.innerSeconds,
          )}])`;
    return podFilter ? `(${rate}) ${podFilter}` : rate;
  }

  /**
   * Keeps only the pods whose Kubernetes labels match the selector: Kepler's
   * series carry no pod labels, so they are joined with kube-state-metrics'
   * `kube_pod_labels` (label keys as it writes them: `label_` and
   * non-alphanumerics as `_`).
   */
  private podsLabelled(
    namespace: string,
    labels: Record<string, string>,
    namespaceLabel: string,
  ): string {
    const matchers: LabelMatcher[] = [
      { name: 'namespace', op: '=', value: namespace },
      ...Object.entries(labels).map(
        ([key, value]): LabelMatcher => ({
          name: `label_${key.replace(/[^a-zA-Z0-9_]/g, '_')}`,
          op: '=',
          value,
        }),
      ),
    ];
    const podLabels = selector(
      KEPLER_METRICS.podLabels,
      matchers,
      this.allowed,
    );
    const renamed = `label_replace(label_replace(${podLabels}, "${namespaceLabel}", "$1", "namespace", "(.*)"), "pod_name", "$1", "pod", "(.*)")`;
    return `* on(${namespaceLabel}, pod_name) group_left() max by (${namespaceLabel}, pod_name) (${renamed})`;
  }
}

export const TARGET_LABEL_NAME = TARGET_LABEL;
