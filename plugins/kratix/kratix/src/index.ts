export {
  kratixPlugin,
  KratixRequestsPage,
  EntityKratixPromiseContent,
} from './plugin';
export { kratixApiRef, KratixClient } from './api';
export { PromiseDefinition } from './components/PromiseDefinition';
export type { KratixApi } from './api';
export { isKratixPromise } from '@homelab-portal/plugin-kratix-common';
