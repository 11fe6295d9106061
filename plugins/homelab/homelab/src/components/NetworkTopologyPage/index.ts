export { NetworkTopologyPage } from './NetworkTopologyPage';
