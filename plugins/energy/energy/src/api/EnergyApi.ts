import { createApiRef } from '@backstage/core-plugin-api';
import {
  EnergyOverview,
  EnergySeries,
  EnergySummary,
  EnergyWindow,
  StorageUsage,
  TopConsumers,
} from '@homelab-portal/plugin-energy-common';

/** The chart ranges the energy API offers. @public */
export type EnergyRange = '1h' | '6h' | '24h' | '7d' | '30d';

/** The energy backend's API. @public */
export interface EnergyApi {
  getSummary(entityRef: string): Promise<EnergySummary>;
  getSeries(entityRef: string, range: EnergyRange): Promise<EnergySeries>;
  getTopConsumers(window: EnergyWindow, limit?: number): Promise<TopConsumers>;
  /** A device's filesystems: used and total capacity, and when they were read. */
  getStorage(entityRef: string): Promise<StorageUsage>;
  /** The whole lab over one window (default 24h). */
  getOverview(window?: EnergyWindow): Promise<EnergyOverview>;
}

/** @public */
export const energyApiRef = createApiRef<EnergyApi>({
  id: 'plugin.energy.service',
});
