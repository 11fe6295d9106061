export { HomelabClient, homelabApiRef } from './HomelabApi';
export type { HomelabApi } from './HomelabApi';
