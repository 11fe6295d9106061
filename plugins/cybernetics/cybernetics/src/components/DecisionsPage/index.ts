export { DecisionsPage } from './DecisionsPage';
export { DecisionsTable } from './DecisionsTable';
