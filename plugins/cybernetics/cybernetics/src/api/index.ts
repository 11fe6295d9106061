export { cyberneticsApiRef } from './CyberneticsApi';
export type { CyberneticsApi } from './CyberneticsApi';
export { CyberneticsClient } from './CyberneticsClient';
