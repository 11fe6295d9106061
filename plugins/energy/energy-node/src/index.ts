/**
 * The energy backend as a typed service for other backends.
 *
 * @packageDocumentation
 */
export { energyServiceRef } from './lib';
export { DefaultEnergyService } from './EnergyService';
export type {
  EnergyService,
  EnergyOverviewAnswer,
  EnergySeriesAnswer,
  EnergySeriesRequest,
  EnergySummaryAnswer,
  EnergyWindow,
} from './EnergyService';
