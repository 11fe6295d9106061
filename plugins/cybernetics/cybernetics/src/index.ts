export {
  cyberneticsPlugin,
  CyberneticsPage,
  EntityDecisionsCard,
} from './plugin';
export { cyberneticsApiRef, CyberneticsClient } from './api';
export type { CyberneticsApi } from './api';
