import { GeneratedSeries, Sample } from './prometheus';

export const HOUR = 3600;
export const DAY = 86400;

/** Watts as a function of epoch seconds. */
export type Power = (t: number) => number;

export type SeriesSpec = {
  family: string;
  type: 'counter' | 'gauge';
  labels: Record<string, string>;
  power: Power;
  from: number;
  to: number;
  /** Times at which the counter restarts from zero (a Kepler restart). */
  resets?: number[];
  /** A fixed scrape interval in seconds, instead of {@link sampleTimes}. */
  interval?: number;
  /** Samples whose stored value is replaced (NaN, +Inf) while the truth goes on. */
  corrupt?: Array<[number, number]>;
};

/** A daily rhythm around a base load. */
export const daily =
  (base: number, amplitude: number, phaseHours = 0): Power =>
  t =>
    base + amplitude * Math.sin((2 * Math.PI * (t / HOUR - phaseHours)) / 24);

/**
 * Scrape times: every 30 s over the last two days, every 5 min before
 * (enough for 30-day windows without a huge TSDB).
 */
export function sampleTimes(from: number, to: number, end: number): number[] {
  const times: number[] = [];
  const denseFrom = end - 2 * DAY;
  for (let t = from; t <= to; ) {
    times.push(t);
    t += t < denseFrom ? 300 : 30;
  }
  return times;
}

/**
 * What Kepler would have exported, and the truth it was generated from:
 * every sample's energy increment (joules since the previous sample).
 */
export class Scenario {
  readonly specs: SeriesSpec[] = [];

  constructor(readonly end: number) {}

  add(spec: SeriesSpec): this {
    this.specs.push(spec);
    return this;
  }

  series(): GeneratedSeries[] {
    return this.specs.map(spec => ({
      family: spec.family,
      type: spec.type,
      labels: spec.labels,
      samples: this.samples(spec),
    }));
  }

  private times(spec: SeriesSpec): number[] {
    if (!spec.interval) return sampleTimes(spec.from, spec.to, this.end);
    const times: number[] = [];
    for (let t = spec.from; t <= spec.to; t += spec.interval) times.push(t);
    return times;
  }

  private samples(spec: SeriesSpec): Sample[] {
    const times = this.times(spec);
    const corrupt = new Map(spec.corrupt ?? []);
    const resets = [...(spec.resets ?? [])];
    let counter = 0;
    return times.map((t, i) => {
      let value: number;
      if (spec.type === 'gauge') {
        value = spec.power(t);
      } else {
        if (resets.length > 0 && t >= resets[0]) {
          resets.shift();
          counter = 0;
        }
        counter += i === 0 ? 0 : spec.power(t) * (t - times[i - 1]);
        value = counter;
      }
      return [t, corrupt.has(t) ? corrupt.get(t)! : value];
    });
  }

  /** The true energy in joules of the matching series over (start, end]. */
  energy(
    match: (spec: SeriesSpec) => boolean,
    start: number,
    end: number,
  ): number {
    let joules = 0;
    for (const spec of this.specs.filter(match)) {
      const times = this.times(spec);
      for (let i = 1; i < times.length; i++) {
        if (times[i] > start && times[i] <= end) {
          joules += spec.power(times[i]) * (times[i] - times[i - 1]);
        }
      }
    }
    return joules;
  }

  /** The true average power of the matching series over the last `seconds`. */
  powerNow(match: (spec: SeriesSpec) => boolean, seconds = 120): number {
    return this.energy(match, this.end - seconds, this.end) / seconds;
  }
}

const node = (name: string) => ({ node_name: name });

/**
 * The seed homelab as Kepler sees it, with every irregularity the backend
 * must handle: both metric generations, overlapping zones, a cluster halfway
 * through a Kepler upgrade, a counter reset, NaN and +Inf samples, a pod that
 * vanished, two services in one namespace, and a NAS on a smart plug.
 */
export function seedScenario(end: number): Scenario {
  const start = end - 31 * DAY;
  const s = new Scenario(end);
  const cpu = 'kepler_node_cpu_joules';
  const pod = 'kepler_pod_cpu_joules';
  // sff-1: Kepler 0.10 with package, core and dram zones, and a GPU
  s.add({
    family: cpu,
    type: 'counter',
    labels: {
      ...node('sff-1'),
      zone: 'package',
      path: '/sys/class/powercap/intel-rapl:0',
    },
    power: daily(14, 6),
    from: start,
    to: end,
  });
  s.add({
    family: cpu,
    type: 'counter',
    labels: {
      ...node('sff-1'),
      zone: 'core',
      path: '/sys/class/powercap/intel-rapl:0:0',
    },
    power: daily(9, 5),
    from: start,
    to: end,
  });
  s.add({
    family: cpu,
    type: 'counter',
    labels: {
      ...node('sff-1'),
      zone: 'dram',
      path: '/sys/class/powercap/intel-rapl:0:2',
    },
    power: daily(2, 0.5),
    from: start,
    to: end,
  });
  s.add({
    family: 'kepler_node_gpu_joules',
    type: 'counter',
    labels: {
      ...node('sff-1'),
      gpu: '0',
      gpu_uuid: 'GPU-1',
      gpu_name: 'RTX A2000',
      vendor: 'nvidia',
    },
    power: daily(7, 4, 8),
    from: start,
    to: end,
  });
  // sff-2: Kepler 0.7.x only
  s.add({
    family: 'kepler_node_platform_joules',
    type: 'counter',
    labels: { instance: 'sff-2', mode: 'dynamic', source: 'acpi' },
    power: daily(8, 4, 3),
    from: start,
    to: end,
  });
  s.add({
    family: 'kepler_node_platform_joules',
    type: 'counter',
    labels: { instance: 'sff-2', mode: 'idle', source: 'acpi' },
    power: () => 10,
    from: start,
    to: end,
  });
  // sff-3: upgraded five days ago; both exporters ran for three days
  s.add({
    family: 'kepler_node_platform_joules',
    type: 'counter',
    labels: { instance: 'sff-3', mode: 'dynamic', source: 'acpi' },
    power: daily(30, 5),
    from: start,
    to: end - 2 * DAY,
  });
  s.add({
    family: cpu,
    type: 'counter',
    labels: {
      ...node('sff-3'),
      zone: 'psys',
      path: '/sys/class/powercap/intel-rapl:1',
    },
    power: daily(21, 3),
    from: end - 5 * DAY,
    to: end,
  });
  s.add({
    family: cpu,
    type: 'counter',
    labels: {
      ...node('sff-3'),
      zone: 'package',
      path: '/sys/class/powercap/intel-rapl:0',
    },
    power: daily(15, 3),
    from: end - 5 * DAY,
    to: end,
  });
  // jellyfin: 0.10 pod; package and core zones; Kepler restarted 10 h ago
  for (const [zone, power] of [
    ['package', daily(5, 3, 18)],
    ['core', daily(3, 2, 18)],
  ] as const) {
    s.add({
      family: pod,
      type: 'counter',
      labels: {
        ...node('sff-1'),
        pod_id: 'uid-jf',
        pod_name: 'jellyfin-7d9f8b6c5d-x2x4q',
        pod_namespace: 'jellyfin',
        state: 'running',
        zone,
      },
      power,
      from: start,
      to: end,
      resets: [end - 10 * HOUR],
    });
  }
  // ollama: 0.7.x containers (dynamic + idle) with a NaN and a +Inf sample
  s.add({
    family: 'kepler_container_joules',
    type: 'counter',
    labels: {
      container_id: 'c-ol',
      container_name: 'ollama',
      container_namespace: 'ollama',
      pod_name: 'ollama-0',
      mode: 'dynamic',
    },
    power: daily(12, 10, 20),
    from: start,
    to: end,
    corrupt: [
      [end - 5 * HOUR, NaN],
      [end - 3 * HOUR, Infinity],
    ],
  });
  s.add({
    family: 'kepler_container_joules',
    type: 'counter',
    labels: {
      container_id: 'c-ol',
      container_name: 'ollama',
      container_namespace: 'ollama',
      pod_name: 'ollama-0',
      mode: 'idle',
    },
    power: () => 1.5,
    from: start,
    to: end,
  });
  // kiwix: the old pod vanished three days ago; its successor runs since
  s.add({
    family: pod,
    type: 'counter',
    labels: {
      ...node('sff-3'),
      pod_id: 'uid-k1',
      pod_name: 'kiwix-6f5b7c9d8-aaaaa',
      pod_namespace: 'kiwix',
      state: 'running',
      zone: 'package',
    },
    power: () => 2,
    from: start,
    to: end - 3 * DAY,
  });
  s.add({
    family: pod,
    type: 'counter',
    labels: {
      ...node('sff-3'),
      pod_id: 'uid-k2',
      pod_name: 'kiwix-6f5b7c9d8-bbbbb',
      pod_namespace: 'kiwix',
      state: 'running',
      zone: 'package',
    },
    power: () => 1.25,
    from: end - 3 * DAY,
    to: end,
  });
  // two services in one namespace
  s.add({
    family: pod,
    type: 'counter',
    labels: {
      ...node('sff-2'),
      pod_id: 'uid-p',
      pod_name: 'prometheus-0',
      pod_namespace: 'monitoring',
      state: 'running',
      zone: 'package',
    },
    power: daily(4, 1),
    from: start,
    to: end,
  });
  s.add({
    family: pod,
    type: 'counter',
    labels: {
      ...node('sff-2'),
      pod_id: 'uid-g',
      pod_name: 'grafana-5c8d7f-xyzab',
      pod_namespace: 'monitoring',
      state: 'running',
      zone: 'package',
    },
    power: daily(1, 0.5, 19),
    from: start,
    to: end,
  });
  // kube-state-metrics' pod labels, for label-selector mapping
  for (const [podName, app] of [
    ['grafana-5c8d7f-xyzab', 'grafana'],
    ['prometheus-0', 'prometheus'],
  ]) {
    s.add({
      family: 'kube_pod_labels',
      type: 'gauge',
      labels: {
        namespace: 'monitoring',
        pod: podName,
        label_app_kubernetes_io_name: app,
        label_tier: 'observability',
      },
      power: () => 1,
      from: start,
      to: end,
    });
  }
  // the NAS on a smart plug, with one NaN reading
  s.add({
    family: 'smartplug_power_watts',
    type: 'gauge',
    labels: { plug: 'nas-1' },
    power: daily(31, 2),
    from: start,
    to: end,
    corrupt: [[end - 7 * HOUR, NaN]],
  });
  return s;
}
