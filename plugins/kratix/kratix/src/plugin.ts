import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { KratixClient, kratixApiRef } from './api';
import { kratixRequestsRouteRef } from './routes';

/** The kratix plugin for the legacy frontend system. @public */
export const kratixPlugin = createPlugin({
  id: 'kratix',
  apis: [
    createApiFactory({
      api: kratixApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new KratixClient(deps),
    }),
  ],
  routes: { requests: kratixRequestsRouteRef },
});

/** The requests page with each request's timeline; mount it at /kratix/requests. @public */
export const KratixRequestsPage = kratixPlugin.provide(
  createRoutableExtension({
    name: 'KratixRequestsPage',
    component: () =>
      import('./components/RequestsPage').then(m => m.RequestsPage),
    mountPoint: kratixRequestsRouteRef,
  }),
);

/** A Promise's tab; show it where `isKratixPromise(entity)`. @public */
export const EntityKratixPromiseContent = kratixPlugin.provide(
  createComponentExtension({
    name: 'EntityKratixPromiseContent',
    component: {
      lazy: () =>
        import('./components/PromiseContent').then(m => m.PromiseContent),
    },
  }),
);
