import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { CyberneticsClient, cyberneticsApiRef } from './api';
import { cyberneticsRouteRef } from './routes';

/** The cybernetics plugin for the legacy frontend system. @public */
export const cyberneticsPlugin = createPlugin({
  id: 'cybernetics',
  apis: [
    createApiFactory({
      api: cyberneticsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CyberneticsClient(deps),
    }),
  ],
  routes: { root: cyberneticsRouteRef },
});

/** The decisions page, each decision's timeline and the loop; mount it at /cybernetics. @public */
export const CyberneticsPage = cyberneticsPlugin.provide(
  createRoutableExtension({
    name: 'CyberneticsPage',
    component: () =>
      import('./components/DecisionsPage').then(m => m.DecisionsPage),
    mountPoint: cyberneticsRouteRef,
  }),
);

/** The entity's open decisions with approve and reject. @public */
export const EntityDecisionsCard = cyberneticsPlugin.provide(
  createComponentExtension({
    name: 'EntityDecisionsCard',
    component: {
      lazy: () =>
        import('./components/EntityDecisionsCard').then(
          m => m.EntityDecisionsCard,
        ),
    },
  }),
);
