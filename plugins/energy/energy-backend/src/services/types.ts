/**
 * What one entity's power is read from. A service is the pods of its
 * Kubernetes workload; a compute node is Kepler's node series; other hardware
 * is a power gauge it declares.
 */
export type EnergyTarget =
  | { type: 'node'; node: string }
  | {
      type: 'workload';
      namespace: string;
      podPrefix?: string;
      /** Pod labels that must all match (equality only), through kube_pod_labels. */
      labelSelector?: Record<string, string>;
    }
  | { type: 'meter'; metric: string; labels: Record<string, string> };

/** An answer from a source, with what the upstream warned about. */
export type SourceAnswer<T> = { values: T; warnings: string[] };

export type FilesystemReading = {
  mountpoint: string;
  device?: string;
  fstype?: string;
  sizeBytes: number;
  availBytes: number;
};

export type PodEnergy = { namespace: string; pod: string; joules: number };

/**
 * Where power and energy come from: the live Prometheus, or the demo
 * simulation. Everything above this (entity mapping, sums over parts,
 * conversions, caching, routes, UI) is shared by both.
 */
export interface EnergySource {
  readonly kind: 'prometheus' | 'demo';
  /** Power now, in watts, per target; `null` where there is no data. */
  power(
    targets: EnergyTarget[],
    at: Date,
  ): Promise<SourceAnswer<Array<number | null>>>;
  /** Energy in joules over the window ending at `at`, per target. */
  energy(
    targets: EnergyTarget[],
    windowSeconds: number,
    at: Date,
  ): Promise<SourceAnswer<Array<number | null>>>;
  /** Average power per step, per target: `[epoch seconds, watts]`. */
  powerSeries(
    targets: EnergyTarget[],
    start: Date,
    end: Date,
    stepSeconds: number,
  ): Promise<SourceAnswer<Array<Array<[number, number]>>>>;
  /** A device's filesystems (node_exporter), picked by their series' labels. */
  filesystems(
    labels: Record<string, string>,
    at: Date,
  ): Promise<SourceAnswer<FilesystemReading[]>>;
  /** The pods that used the most energy over the window. */
  topPods(
    windowSeconds: number,
    at: Date,
    limit: number,
  ): Promise<SourceAnswer<PodEnergy[]>>;
}
