import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { BackupsClient, backupsApiRef } from './api';
import { backupsRouteRef } from './routes';

/** The backups plugin for the legacy frontend system. @public */
export const backupsPlugin = createPlugin({
  id: 'backups',
  apis: [
    createApiFactory({
      api: backupsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new BackupsClient(deps),
    }),
  ],
  routes: { root: backupsRouteRef },
});

/** The homelab-wide backups page. @public */
export const BackupsPage = backupsPlugin.provide(
  createRoutableExtension({
    name: 'BackupsPage',
    component: () =>
      import('./components/BackupsPage').then(m => m.BackupsPage),
    mountPoint: backupsRouteRef,
  }),
);

/** The entity backups card; show it where `isBackupsAvailable(entity)`. @public */
export const EntityBackupsCard = backupsPlugin.provide(
  createComponentExtension({
    name: 'EntityBackupsCard',
    component: {
      lazy: () => import('./components/BackupsCard').then(m => m.BackupsCard),
    },
  }),
);

/** The entity backups tab. @public */
export const EntityBackupsContent = backupsPlugin.provide(
  createComponentExtension({
    name: 'EntityBackupsContent',
    component: {
      lazy: () =>
        import('./components/BackupsContent').then(m => m.BackupsContent),
    },
  }),
);
