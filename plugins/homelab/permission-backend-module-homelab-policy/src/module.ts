import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { HomelabPermissionPolicy } from './HomelabPermissionPolicy';

/** Installs {@link HomelabPermissionPolicy} in the permission backend. */
export const homelabPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'homelab-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
      },
      async init({ config, policy }) {
        policy.setPolicy(HomelabPermissionPolicy.fromConfig(config));
      },
    });
  },
});
