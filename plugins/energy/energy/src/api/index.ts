export { energyApiRef } from './EnergyApi';
export type { EnergyApi, EnergyRange } from './EnergyApi';
export { EnergyClient } from './EnergyClient';
