import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { EnergyService, DefaultEnergyService } from './EnergyService';

/**
 * The energy backend as a service for other backends' plugins: add it to a
 * plugin's `deps`. The default factory calls the energy backend through
 * discovery with service-to-service tokens.
 *
 * @public
 */
export const energyServiceRef = createServiceRef<EnergyService>({
  id: 'energy.client',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      factory({ auth, discovery }) {
        return DefaultEnergyService.create({ auth, discovery });
      },
    }),
});
