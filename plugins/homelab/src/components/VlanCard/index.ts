export { VlanCard } from './VlanCard';
