export {
  energyPlugin,
  EnergyPage,
  EntityEnergyCard,
  EntityEnergyContent,
} from './plugin';
export { energyApiRef, EnergyClient } from './api';
export type { EnergyApi, EnergyRange } from './api';
export { isEnergyAvailable } from '@homelab-portal/plugin-energy-common';
