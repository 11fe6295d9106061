export { LoopView, stagesOf } from './LoopView';
