import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { AlertsService, DefaultAlertsService } from './AlertsService';

/**
 * The alerts backend as a service for other backends' plugins: add it to a
 * plugin's `deps`. The default factory calls the alerts backend through
 * discovery with service-to-service tokens.
 *
 * @public
 */
export const alertsServiceRef = createServiceRef<AlertsService>({
  id: 'alerts.client',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      factory({ auth, discovery }) {
        return DefaultAlertsService.create({ auth, discovery });
      },
    }),
});
