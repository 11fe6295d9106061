export { VlanPicker } from './VlanPicker';
