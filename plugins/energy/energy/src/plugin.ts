import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { EnergyClient, energyApiRef } from './api';
import { energyRouteRef } from './routes';

/** The energy plugin for the legacy frontend system. @public */
export const energyPlugin = createPlugin({
  id: 'energy',
  apis: [
    createApiFactory({
      api: energyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new EnergyClient(deps),
    }),
  ],
  routes: { root: energyRouteRef },
});

/** The homelab-wide energy page. @public */
export const EnergyPage = energyPlugin.provide(
  createRoutableExtension({
    name: 'EnergyPage',
    component: () => import('./components/EnergyPage').then(m => m.EnergyPage),
    mountPoint: energyRouteRef,
  }),
);

/** The entity energy card; show it where `isEnergyAvailable(entity)`. @public */
export const EntityEnergyCard = energyPlugin.provide(
  createComponentExtension({
    name: 'EntityEnergyCard',
    component: {
      lazy: () => import('./components/EnergyCard').then(m => m.EnergyCard),
    },
  }),
);

/** The entity energy tab. @public */
export const EntityEnergyContent = energyPlugin.provide(
  createComponentExtension({
    name: 'EntityEnergyContent',
    component: {
      lazy: () =>
        import('./components/EnergyContent').then(m => m.EnergyContent),
    },
  }),
);
