export { RecoveryCard } from './RecoveryCard';
