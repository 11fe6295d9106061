export { DecisionDetail } from './DecisionDetail';
export { NotExecutable, ReviewButtons, executabilityOf } from './ReviewButtons';
export { DemoChip, RiskChip, StateChip, stateLabel } from './chips';
