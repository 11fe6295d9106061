import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { BackupsClient, backupsApiRef } from './api';
import { backupsRouteRef, recoveryRouteRef } from './routes';

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
  routes: { root: backupsRouteRef, recovery: recoveryRouteRef },
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

/** Recovery readiness for the seed's four procedures. @public */
export const RecoveryPage = backupsPlugin.provide(
  createRoutableExtension({
    name: 'RecoveryPage',
    component: () =>
      import('./components/RecoveryPage').then(m => m.RecoveryPage),
    mountPoint: recoveryRouteRef,
  }),
);

/** The entity's recovery readiness and last verified restore. @public */
export const EntityRecoveryCard = backupsPlugin.provide(
  createComponentExtension({
    name: 'EntityRecoveryCard',
    component: {
      lazy: () => import('./components/RecoveryCard').then(m => m.RecoveryCard),
    },
  }),
);
