export { EntityDecisionsCard } from './EntityDecisionsCard';
