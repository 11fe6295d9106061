import { KeplerQueries, TARGET_LABEL_NAME } from './keplerQueries';
import { PrometheusClient, sampleValue } from './PrometheusClient';
import { EnergySource, EnergyTarget, PodEnergy, SourceAnswer } from './types';

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
