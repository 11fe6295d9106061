export { HardwareCard } from './HardwareCard';
