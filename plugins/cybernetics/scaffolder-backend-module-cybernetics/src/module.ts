import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createWriteChangeAction } from './actions/writeChange';

/** Registers cybernetics:change:write with the scaffolder. */
export const scaffolderModuleCybernetics = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'cybernetics',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(createWriteChangeAction({ discovery, auth }));
      },
    });
  },
});
