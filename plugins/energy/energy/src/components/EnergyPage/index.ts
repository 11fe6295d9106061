export { EnergyPage } from './EnergyPage';
