import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { AlertsClient, alertsApiRef } from './api';
import { alertsRouteRef } from './routes';

/** The alerts plugin for the legacy frontend system. @public */
export const alertsPlugin = createPlugin({
  id: 'alerts',
  apis: [
    createApiFactory({
      api: alertsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AlertsClient(deps),
    }),
  ],
  routes: { root: alertsRouteRef },
});

/** The homelab-wide alerts page. @public */
export const AlertsPage = alertsPlugin.provide(
  createRoutableExtension({
    name: 'AlertsPage',
    component: () => import('./components/AlertsPage').then(m => m.AlertsPage),
    mountPoint: alertsRouteRef,
  }),
);

/** The entity alerts card; show it where `isAlertsAvailable(entity)`. @public */
export const EntityAlertsCard = alertsPlugin.provide(
  createComponentExtension({
    name: 'EntityAlertsCard',
    component: {
      lazy: () => import('./components/AlertsCard').then(m => m.AlertsCard),
    },
  }),
);

/** The entity alerts tab. @public */
export const EntityAlertsContent = alertsPlugin.provide(
  createComponentExtension({
    name: 'EntityAlertsContent',
    component: {
      lazy: () =>
        import('./components/AlertsContent').then(m => m.AlertsContent),
    },
  }),
);
