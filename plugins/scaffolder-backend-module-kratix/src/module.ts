import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createKratixRequestAction } from './actions/kratixRequest';

/** Registers kratix:request with the scaffolder. */
export const scaffolderModuleKratix = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kratix',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, urlReader, catalog }) {
        scaffolder.addActions(
          createKratixRequestAction({ urlReader, catalog }),
        );
      },
    });
  },
});
