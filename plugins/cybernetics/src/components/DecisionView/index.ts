export { DecisionDetail } from './DecisionDetail';
export { ReviewButtons } from './ReviewButtons';
export { DemoChip, RiskChip, StateChip, stateLabel } from './chips';
