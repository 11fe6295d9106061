export { EnergyCard } from './EnergyCard';
