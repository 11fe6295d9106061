/**
 * The windows the energy API sums over.
 *
 * @public
 */
export const ENERGY_WINDOWS = {
  '24h': 24 * 3600,
  '7d': 7 * 24 * 3600,
  '30d': 30 * 24 * 3600,
} as const;

/** @public */
export type EnergyWindow = keyof typeof ENERGY_WINDOWS;

/** @public */
export const ENERGY_WINDOW_NAMES = Object.keys(
  ENERGY_WINDOWS,
) as EnergyWindow[];

/**
 * Where the figures come from: the live Prometheus, or the labelled
 * simulation of the seed homelab that serves when none is configured.
 *
 * @public
 */
export type EnergySourceKind = 'prometheus' | 'demo';

/** @public */
export type Tariff = {
  currency: string;
  pricePerKWh: number;
  /** Grid carbon intensity in grams of CO2 per kWh. */
  gridIntensityGramsPerKWh: number;
};

/**
 * Energy over one window. `null` means no data, never zero.
 *
 * @public
 */
export type EnergyFigures = {
  energyKWh: number | null;
  cost: number | null;
  co2Kg: number | null;
};

/**
 * How an entity's figures were found: Kepler's series for a node or a
 * workload, a declared power meter, or the sum of its parts.
 *
 * @public
 */
export type EnergyMeasurement =
  | 'kepler-node'
  | 'kepler-workload'
  | 'meter'
  | 'parts';

/** @public */
export type EnergyPart = {
  entityRef: string;
  title?: string;
  powerW: number | null;
  energyKWh24h: number | null;
};

/** @public */
export type EnergySummary = {
  entityRef: string;
  source: EnergySourceKind;
  measuredBy: EnergyMeasurement;
  /** ISO time the figures are for. */
  at: string;
  powerW: number | null;
  windows: Record<EnergyWindow, EnergyFigures>;
  tariff: Tariff;
  /** For a System or Domain: the parts that were summed. */
  parts?: EnergyPart[];
  /** Upstream warnings and partial-data notes, shown with the figures. */
  warnings: string[];
};

/** @public */
export type EnergySeriesPoint = {
  /** Milliseconds since the epoch. */
  t: number;
  /** Average power over the step, in watts; `null` where there is no data. */
  w: number | null;
};

/** @public */
export type EnergySeries = {
  entityRef: string;
  source: EnergySourceKind;
  start: string;
  end: string;
  stepSeconds: number;
  points: EnergySeriesPoint[];
  warnings: string[];
};

/** @public */
export type TopConsumer = {
  namespace: string;
  pod: string;
  /** The catalog entity the pod belongs to, where one matches. */
  entityRef?: string;
  energyKWh: number;
  cost: number;
  co2Kg: number;
};

/** @public */
export type TopConsumers = {
  source: EnergySourceKind;
  window: EnergyWindow;
  at: string;
  items: TopConsumer[];
  warnings: string[];
};

/** @public */
export type EnergyOverviewRow = {
  entityRef: string;
  title?: string;
  powerW: number | null;
  /** Over the overview's window. */
  energyKWh: number | null;
  cost: number | null;
  co2Kg: number | null;
  energyKWh24h: number | null;
  cost24h: number | null;
  /** How the row was counted, where it is not simply its parts. */
  notes?: string[];
};

/**
 * What no System accounts for: the nodes' power that no catalogued service
 * uses (idle draw, pods not in the catalog), and hardware or services that
 * are part of no System. Figures over the overview's window.
 *
 * @public
 */
export type EnergyUnattributed = {
  powerW: number | null;
  energyKWh: number | null;
  cost: number | null;
  co2Kg: number | null;
  notes: string[];
};

/** @public */
export type EnergyOverview = {
  source: EnergySourceKind;
  at: string;
  tariff: Tariff;
  powerW: number | null;
  windows: Record<EnergyWindow, EnergyFigures>;
  /** From the first of this month (UTC) until now. */
  monthToDate: EnergyFigures;
  /** The window every figure below (but `powerW`) is for. */
  window: EnergyWindow;
  /** The lab's hardware over `window`. */
  total: EnergyFigures;
  nodes: EnergyOverviewRow[];
  /**
   * Each watt counted once: a service under its System, other hardware under
   * its System, and the rest in `unattributed`, so that the rows and
   * `unattributed` add up to `total`.
   */
  systems: EnergyOverviewRow[];
  unattributed: EnergyUnattributed;
  /** The lab's total power over `window`. */
  series: Omit<EnergySeries, 'entityRef' | 'source' | 'warnings'>;
  /** Top consumers over `window`. */
  top: TopConsumer[];
  warnings: string[];
};

/** One mounted filesystem of a device, from node_exporter. @public */
export type FilesystemUsage = {
  mountpoint: string;
  device?: string;
  fstype?: string;
  sizeBytes: number;
  availBytes: number;
  usedBytes: number;
};

/**
 * A device's storage: each filesystem's used and total capacity, read at
 * `at`, from Prometheus (node_filesystem_*) or the labelled demo source.
 *
 * @public
 */
export type StorageUsage = {
  entityRef: string;
  source: EnergySourceKind;
  at: string;
  /** The labels the series were picked by; none means nothing is configured. */
  labels?: Record<string, string>;
  filesystems: FilesystemUsage[];
  warnings: string[];
};
