import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { BackupsService, DefaultBackupsService } from './BackupsService';

/**
 * The backups backend as a service for other backends' plugins: add it to a
 * plugin's `deps`. The default factory calls the backups backend through
 * discovery with service-to-service tokens.
 *
 * @public
 */
export const backupsServiceRef = createServiceRef<BackupsService>({
  id: 'backups.client',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      factory({ auth, discovery }) {
        return DefaultBackupsService.create({ auth, discovery });
      },
    }),
});
