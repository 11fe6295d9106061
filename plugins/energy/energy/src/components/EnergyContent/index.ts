export { EnergyContent } from './EnergyContent';
