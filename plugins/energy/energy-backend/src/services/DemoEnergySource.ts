import { EnergySource, EnergyTarget, PodEnergy, SourceAnswer } from './types';

type DemoPod = {
  namespace: string;
  pod: string;
  node: string;
  baseW: number;
  /** Hour of the day (UTC) the workload peaks at, and by how much. */
  peakHour: number;
  peakW: number;
};

const DEMO_NODES = ['sff-1', 'sff-2', 'sff-3'];
const NODE_IDLE_W = 11;

/** The seed homelab's workloads, as Kepler would see them. */
const DEMO_WORKLOADS: Array<[string, string, number, number, number]> = [
  // namespace, workload, base W, peak hour, peak W
  ['ollama', 'ollama', 6, 20, 38],
  ['jellyfin', 'jellyfin', 3, 21, 14],
  ['kiwix', 'kiwix', 0.8, 12, 1.5],
  ['argocd', 'argocd', 1.6, 3, 1],
  ['rotki', 'rotki', 0.6, 9, 0.5],
  ['kepler', 'kepler', 1.2, 0, 0.2],
  ['kratix-platform-system', 'kratix', 0.9, 3, 0.5],
  ['chaos-mesh', 'chaos-mesh', 0.7, 4, 2],
  ['langflow', 'langflow', 1.1, 20, 4],
  ['monitoring', 'prometheus', 3.5, 0, 1],
  ['monitoring', 'grafana', 0.9, 19, 1.2],
  ['monitoring', 'loki', 1.8, 2, 1.5],
  ['monitoring', 'alertmanager', 0.3, 0, 0.1],
  ['monitoring', 'promtail', 0.7, 2, 0.6],
  ['pihole', 'pihole', 0.5, 19, 0.4],
  ['gozones', 'gozones', 0.3, 0, 0.1],
  ['ingress-nginx', 'nginx', 1, 20, 1.5],
  ['keycloak', 'keycloak', 1.4, 9, 1],
  ['vault', 'vault', 0.6, 9, 0.3],
  ['cert-manager', 'cert-manager', 0.3, 3, 0.2],
  ['longhorn-system', 'longhorn', 2.2, 2, 3],
  ['velero', 'velero', 0.4, 2, 6],
  ['restic', 'restic', 0.3, 3, 9],
];

const DEMO_METERS: Record<string, number> = { 'nas-1': 31, 'switch-1': 13 };

/**
 * The NAS's volume as the demo shows it: a 4 x 8 TB SHR volume, under 10%
 * free (the demo alerts' DiskFull on /volume1), filling slowly.
 */
const DEMO_VOLUMES: Record<
  string,
  { mountpoint: string; device: string; fstype: string; sizeBytes: number }
> = {
  nas: {
    mountpoint: '/volume1',
    device: '/dev/mapper/cachedev_0',
    fstype: 'btrfs',
    sizeBytes: 23_003_000_000_000,
  },
};

const HOUR = 3600;
const DEMO_STEP = 300;

/**
 * A deterministic simulation of the seed homelab's power, served when no
 * Prometheus is configured: the same function of time for every caller, with
 * a daily rhythm (media in the evening, backups at night). The API marks
 * every answer from it as demo data.
 */
export class DemoEnergySource implements EnergySource {
  readonly kind = 'demo' as const;
  private readonly pods: DemoPod[] = DEMO_WORKLOADS.map(
    ([namespace, workload, baseW, peakHour, peakW], index) => ({
      namespace,
      pod: `${workload}-${(0x5e3a1 + index * 7919).toString(16)}-${(
        index * 31 +
        7
      ).toString(36)}`,
      node: DEMO_NODES[index % DEMO_NODES.length],
      baseW,
      peakHour,
      peakW,
    }),
  );

  async power(targets: EnergyTarget[], at: Date) {
    return this.answer(targets.map(t => this.powerAt(t, at.getTime() / 1000)));
  }

  async energy(targets: EnergyTarget[], windowSeconds: number, at: Date) {
    const end = at.getTime() / 1000;
    return this.answer(
      targets.map(target => {
        if (this.powerAt(target, end) === null) return null;
        let joules = 0;
        for (
          let t = end - windowSeconds + DEMO_STEP;
          t <= end;
          t += DEMO_STEP
        ) {
          joules += (this.powerAt(target, t) ?? 0) * DEMO_STEP;
        }
        return joules;
      }),
    );
  }

  async powerSeries(
    targets: EnergyTarget[],
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<SourceAnswer<Array<Array<[number, number]>>>> {
    const from = Math.ceil(start.getTime() / 1000 / stepSeconds) * stepSeconds;
    const to = end.getTime() / 1000;
    return this.answer(
      targets.map(target => {
        const points: Array<[number, number]> = [];
        for (let t = from; t <= to; t += stepSeconds) {
          const watts = this.powerAt(target, t);
          if (watts !== null) points.push([t, watts]);
        }
        return points;
      }),
    );
  }

  async topPods(windowSeconds: number, at: Date, limit: number) {
    const targets = this.pods.map(
      (pod): EnergyTarget => ({
        type: 'workload',
        namespace: pod.namespace,
        podPrefix: pod.pod,
      }),
    );
    const { values } = await this.energy(targets, windowSeconds, at);
    const pods: PodEnergy[] = this.pods.map((pod, i) => ({
      namespace: pod.namespace,
      pod: pod.pod,
      joules: values[i] ?? 0,
    }));
    pods.sort((a, b) => b.joules - a.joules);
    return this.answer(pods.slice(0, limit));
  }

  async filesystems(labels: Record<string, string>, at: Date) {
    const volume = Object.values(labels)
      .map(value => DEMO_VOLUMES[value])
      .find(value => value !== undefined);
    if (!volume) return this.answer([]);
    // 8.6% free, with a daily ripple of a few GB
    const t = at.getTime() / 1000;
    const free = volume.sizeBytes * (0.086 + 0.0004 * Math.sin(t / 86400));
    return this.answer([{ ...volume, availBytes: Math.round(free) }]);
  }

  private answer<T>(values: T): SourceAnswer<T> {
    return { values, warnings: [] };
  }

  private podPower(pod: DemoPod, t: number): number {
    const hour = (t / HOUR) % 24;
    const distance = Math.min(
      Math.abs(hour - pod.peakHour),
      24 - Math.abs(hour - pod.peakHour),
    );
    // a two-hour-wide daily peak, plus a slow ripple so that days differ
    const peak = Math.exp(-(distance * distance) / 2);
    const ripple = 1 + 0.05 * Math.sin(t / (3.7 * 86400));
    return (pod.baseW + pod.peakW * peak) * ripple;
  }

  private powerAt(target: EnergyTarget, t: number): number | null {
    switch (target.type) {
      case 'node': {
        if (!DEMO_NODES.includes(target.node)) return null;
        return this.pods
          .filter(pod => pod.node === target.node)
          .reduce((sum, pod) => sum + this.podPower(pod, t), NODE_IDLE_W);
      }
      case 'workload': {
        const pods = this.pods.filter(
          pod =>
            pod.namespace === target.namespace &&
            (!target.podPrefix ||
              pod.pod === target.podPrefix ||
              pod.pod.startsWith(`${target.podPrefix}-`)),
        );
        if (pods.length === 0) return null;
        return pods.reduce((sum, pod) => sum + this.podPower(pod, t), 0);
      }
      case 'meter': {
        const watts = Object.values(target.labels)
          .map(value => DEMO_METERS[value])
          .find(value => value !== undefined);
        if (watts === undefined) return null;
        return watts * (1 + 0.03 * Math.sin(t / 5400));
      }
      default:
        return null;
    }
  }
}
