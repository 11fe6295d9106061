import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createKratixRequestAction } from './actions/kratixRequest';
import { createKratixTrackAction } from './actions/kratixTrack';

/** Registers kratix:request and kratix:request:track with the scaffolder. */
export const scaffolderModuleKratix = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kratix',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        urlReader: coreServices.urlReader,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, urlReader, catalog, discovery, auth }) {
        scaffolder.addActions(
          createKratixRequestAction({ urlReader, catalog }),
          createKratixTrackAction({ discovery, auth }),
        );
      },
    });
  },
});
