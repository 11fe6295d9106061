import { KeplerQueries, TARGET_LABEL_NAME } from './keplerQueries';
import { escapeLabelValue } from './promql';
import { PrometheusClient, sampleValue } from './PrometheusClient';
import {
  EnergySource,
  EnergyTarget,
  FilesystemReading,
  PodEnergy,
  SourceAnswer,
} from './types';

/** Pseudo and in-memory filesystems: not capacity anyone runs out of. */
const IGNORED_FSTYPES =
  'tmpfs|devtmpfs|ramfs|overlay|squashfs|nsfs|autofs|proc|sysfs|cgroup2?|fuse.*';

/** Power and energy from Kepler's series in a live Prometheus. */
export class PrometheusEnergySource implements EnergySource {
  readonly kind = 'prometheus' as const;

  constructor(
    private readonly client: PrometheusClient,
    private readonly queries: KeplerQueries,
  ) {}

  async power(targets: EnergyTarget[], at: Date) {
    return this.perTarget(
      targets,
      this.queries.targetsPower(targets, this.queries.nowMode()),
      at,
    );
  }

  async energy(targets: EnergyTarget[], windowSeconds: number, at: Date) {
    return this.perTarget(
      targets,
      this.queries.targetsEnergy(targets, windowSeconds),
      at,
    );
  }

  async powerSeries(
    targets: EnergyTarget[],
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<SourceAnswer<Array<Array<[number, number]>>>> {
    const values: Array<Array<[number, number]>> = targets.map(() => []);
    if (targets.length === 0) return { values, warnings: [] };
    const query = this.queries.targetsPower(
      targets,
      this.queries.stepMode(stepSeconds),
    );
    const answer = await this.client.queryRange(query, start, end, stepSeconds);
    for (const series of answer.result) {
      const index = Number(series.metric[TARGET_LABEL_NAME]);
      if (!values[index]) continue;
      for (const [t, v] of series.values) {
        const watts = sampleValue(v);
        if (watts !== null) values[index].push([t, watts]);
      }
    }
    return { values, warnings: answer.warnings };
  }

  async topPods(
    windowSeconds: number,
    at: Date,
    limit: number,
  ): Promise<SourceAnswer<PodEnergy[]>> {
    const answer = await this.client.query(
      this.queries.topPodsEnergy(windowSeconds, limit),
      at,
    );
    const values: PodEnergy[] = [];
    for (const sample of answer.result) {
      const joules = sampleValue(sample.value[1]);
      if (joules === null) continue;
      values.push({
        namespace: sample.metric.pod_namespace ?? '',
        pod: sample.metric.pod_name ?? '',
        joules,
      });
    }
    values.sort((a, b) => b.joules - a.joules);
    return { values, warnings: answer.warnings };
  }

  async filesystems(
    labels: Record<string, string>,
    at: Date,
  ): Promise<SourceAnswer<FilesystemReading[]>> {
    // label names were checked where the annotation was read
    const matchers = [
      ...Object.entries(labels).map(
        ([name, value]) => `${name}="${escapeLabelValue(value)}"`,
      ),
      `fstype!~"${IGNORED_FSTYPES}"`,
    ].join(',');
    const [size, avail] = await Promise.all([
      this.client.query(`node_filesystem_size_bytes{${matchers}}`, at),
      this.client.query(`node_filesystem_avail_bytes{${matchers}}`, at),
    ]);
    const key = (metric: Record<string, string>) =>
      `${metric.instance ?? ''}\u0000${metric.device ?? ''}\u0000${
        metric.mountpoint ?? ''
      }`;
    const available = new Map<string, number>();
    for (const sample of avail.result) {
      const value = sampleValue(sample.value[1]);
      if (value !== null) available.set(key(sample.metric), value);
    }
    const values: FilesystemReading[] = [];
    const devices = new Set<string>();
    for (const sample of size.result) {
      const sizeBytes = sampleValue(sample.value[1]);
      const availBytes = available.get(key(sample.metric));
      if (sizeBytes === null || sizeBytes <= 0 || availBytes === undefined) {
        continue;
      }
      // a device mounted twice (bind mounts) counts once
      const device = sample.metric.device;
      if (device && devices.has(device)) continue;
      if (device) devices.add(device);
      values.push({
        mountpoint: sample.metric.mountpoint ?? '',
        device,
        fstype: sample.metric.fstype,
        sizeBytes,
        availBytes: Math.min(availBytes, sizeBytes),
      });
    }
    values.sort((a, b) => a.mountpoint.localeCompare(b.mountpoint, 'en-US'));
    return { values, warnings: [...size.warnings, ...avail.warnings] };
  }

  private async perTarget(
    targets: EnergyTarget[],
    query: string,
    at: Date,
  ): Promise<SourceAnswer<Array<number | null>>> {
    const values: Array<number | null> = targets.map(() => null);
    if (targets.length === 0) return { values, warnings: [] };
    const answer = await this.client.query(query, at);
    for (const sample of answer.result) {
      const index = Number(sample.metric[TARGET_LABEL_NAME]);
      if (index >= 0 && index < values.length) {
        values[index] = sampleValue(sample.value[1]);
      }
    }
    return { values, warnings: answer.warnings };
  }
}
