import {
  EnergyOverview,
  EnergySeries,
  EnergySummary,
} from '@homelab-portal/plugin-energy-common';
import { EnergyApi } from '../api';

export const tariff = {
  currency: 'EUR',
  pricePerKWh: 0.32,
  gridIntensityGramsPerKWh: 380,
};

export function summary(overrides: Partial<EnergySummary> = {}): EnergySummary {
  return {
    entityRef: 'component:default/jellyfin',
    source: 'prometheus',
    measuredBy: 'kepler-workload',
    at: '2026-11-25T18:00:00.000Z',
    powerW: 12.34,
    windows: {
      '24h': { energyKWh: 0.25, cost: 0.08, co2Kg: 0.095 },
      '7d': { energyKWh: 1.8, cost: 0.576, co2Kg: 0.684 },
      '30d': { energyKWh: 7.5, cost: 2.4, co2Kg: 2.85 },
    },
    tariff,
    warnings: [],
    ...overrides,
  };
}

export function series(overrides: Partial<EnergySeries> = {}): EnergySeries {
  return {
    entityRef: 'component:default/jellyfin',
    source: 'prometheus',
    start: '2026-11-24T18:05:00.000Z',
    end: '2026-11-25T18:00:00.000Z',
    stepSeconds: 300,
    points: [
      { t: 1764093600000, w: 10 },
      { t: 1764093900000, w: null },
      { t: 1764094200000, w: 12 },
    ],
    warnings: [],
    ...overrides,
  };
}

export function overview(
  overrides: Partial<EnergyOverview> = {},
): EnergyOverview {
  return {
    source: 'prometheus',
    at: '2026-11-25T18:00:00.000Z',
    tariff,
    powerW: 61,
    windows: {
      '24h': { energyKWh: 2.3, cost: 0.736, co2Kg: 0.874 },
      '7d': { energyKWh: 16.1, cost: 5.15, co2Kg: 6.12 },
      '30d': { energyKWh: 69, cost: 22.08, co2Kg: 26.22 },
    },
    monthToDate: { energyKWh: 57.5, cost: 18.4, co2Kg: 21.85 },
    nodes: [
      {
        entityRef: 'resource:default/sff-1',
        title: 'SFF node 1',
        powerW: 30,
        energyKWh: 0.7,
        cost: 0.224,
        co2Kg: 0.266,
        energyKWh24h: 0.7,
        cost24h: 0.224,
      },
      {
        entityRef: 'resource:default/nas-1',
        title: 'Synology NAS',
        powerW: 31,
        energyKWh: 0.74,
        cost: 0.237,
        co2Kg: 0.281,
        energyKWh24h: 0.74,
        cost24h: 0.237,
      },
      {
        entityRef: 'resource:default/switch-1',
        title: '10GbE switch',
        powerW: null,
        energyKWh: null,
        cost: null,
        co2Kg: null,
        energyKWh24h: null,
        cost24h: null,
      },
    ],
    systems: [
      {
        entityRef: 'system:default/applications',
        powerW: 20,
        energyKWh: 0.45,
        cost: 0.144,
        co2Kg: 0.171,
        energyKWh24h: 0.45,
        cost24h: 0.144,
      },
      {
        entityRef: 'system:default/physical-infrastructure',
        title: 'Layer 1: Physical infrastructure',
        powerW: 31,
        energyKWh: 0.74,
        cost: 0.237,
        co2Kg: 0.281,
        energyKWh24h: 0.74,
        cost24h: 0.237,
        notes: [
          'SFF node 1: its energy counts under the services that run on it',
        ],
      },
    ],
    unattributed: {
      powerW: 10,
      energyKWh: 0.25,
      cost: 0.08,
      co2Kg: 0.095,
      notes: [
        'The compute nodes’ energy that no catalogued service uses: idle draw, and pods not in the catalog',
      ],
    },
    window: '24h',
    total: { energyKWh: 1.44, cost: 0.461, co2Kg: 0.547 },
    series: {
      start: '2026-11-24T18:06:00.000Z',
      end: '2026-11-25T18:00:00.000Z',
      stepSeconds: 360,
      points: [
        { t: 1764093600000, w: 60 },
        { t: 1764093960000, w: null },
        { t: 1764094320000, w: 61 },
      ],
    },
    top: [
      {
        namespace: 'ollama',
        pod: 'ollama-0',
        entityRef: 'component:default/ollama',
        energyKWh: 0.3,
        cost: 0.096,
        co2Kg: 0.114,
      },
      {
        namespace: 'bench',
        pod: 'stray-1',
        energyKWh: 0.01,
        cost: 0.0032,
        co2Kg: 0.0038,
      },
    ],
    warnings: ['Prometheus: partial data'],
    ...overrides,
  };
}

export function fakeEnergyApi(overrides: Partial<EnergyApi> = {}): EnergyApi {
  return {
    getSummary: jest.fn(async () => summary()),
    getSeries: jest.fn(async () => series()),
    getTopConsumers: jest.fn(async () => ({
      source: 'prometheus' as const,
      window: '24h' as const,
      at: '2026-11-25T18:00:00.000Z',
      items: [],
      warnings: [],
    })),
    getOverview: jest.fn(async () => overview()),
    getStorage: jest.fn(async (entityRef: string) => ({
      entityRef,
      source: 'prometheus' as const,
      at: '2026-11-25T18:00:00.000Z',
      filesystems: [],
      warnings: [],
    })),
    ...overrides,
  };
}
