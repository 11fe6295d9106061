export { RequestTimeline, StateChip, WebLink } from './RequestTimeline';
export { RequestsTable } from './RequestsTable';
export { KratixStatusView } from './KratixStatusView';
