export { RecoveryPage, RecoveryReadinessView } from './RecoveryPage';
