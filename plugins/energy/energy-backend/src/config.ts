import { Config } from '@backstage/config';
import { Tariff } from '@homelab-portal/plugin-energy-common';
import { KeplerQueryOptions } from './services/keplerQueries';

export type EnergyConfig = {
  prometheus?: { baseUrl: string; timeoutMs: number; token?: string };
  kepler: KeplerQueryOptions;
  tariff: Tariff;
  cacheTtlSeconds: number;
};

export const DEFAULT_ZONES = ['psys', 'package+dram', 'core'];

/** Reads `energy.*`; see config.d.ts for what each key means. */
export function readEnergyConfig(root: Config): EnergyConfig {
  const config = root.getOptionalConfig('energy');
  const prometheus = config?.getOptionalConfig('prometheus');
  return {
    prometheus: prometheus && {
      baseUrl: prometheus.getString('baseUrl'),
      timeoutMs: (prometheus.getOptionalNumber('timeoutSeconds') ?? 10) * 1000,
      token: prometheus.getOptionalString('token'),
    },
    kepler: {
      zones: config?.getOptionalStringArray('kepler.zones') ?? DEFAULT_ZONES,
      legacyNodeLabel:
        config?.getOptionalString('kepler.legacyNodeLabel') ?? 'instance',
      scrapeIntervalSeconds:
        config?.getOptionalNumber('kepler.scrapeIntervalSeconds') ?? 30,
      powerMetrics: config?.getOptionalStringArray('powerMetrics') ?? [],
    },
    tariff: {
      currency: config?.getOptionalString('tariff.currency') ?? 'EUR',
      pricePerKWh: config?.getOptionalNumber('tariff.pricePerKWh') ?? 0.3,
      gridIntensityGramsPerKWh:
        config?.getOptionalNumber('tariff.gridIntensityGramsPerKWh') ?? 350,
    },
    cacheTtlSeconds: config?.getOptionalNumber('cacheTtlSeconds') ?? 30,
  };
}
