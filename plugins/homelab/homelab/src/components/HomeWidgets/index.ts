export { TotalsCard } from './TotalsCard';
export { ServicesCard, labLink } from './ServicesCard';
