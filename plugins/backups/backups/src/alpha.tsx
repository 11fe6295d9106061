import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { isBackupsAvailable } from '@homelab-portal/plugin-backups-common';

/** Every service gets the card, so that an unprotected one says so and offers protection. */
const showBackups = (entity: Entity) =>
  isBackupsAvailable(entity) ||
  (entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.spec?.type === 'service');
import BackupIcon from '@material-ui/icons/Backup';
import { BackupsClient, backupsApiRef } from './api';
import { backupsRouteRef, recoveryRouteRef } from './routes';

const backupsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: backupsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new BackupsClient(deps),
    }),
});

const backupsPage = PageBlueprint.make({
  params: {
    path: '/backups',
    title: 'Backups',
    icon: <BackupIcon />,
    routeRef: convertLegacyRouteRefs({ root: backupsRouteRef }).root,
    loader: () =>
      import('./components/BackupsPage').then(m => <m.BackupsPage />),
  },
});

const recoveryPage = PageBlueprint.make({
  name: 'recovery',
  params: {
    // no icon: reached from the Backups page and the entity cards, not the sidebar
    path: '/backups/readiness',
    title: 'Recovery readiness',
    routeRef: convertLegacyRouteRefs({ recovery: recoveryRouteRef }).recovery,
    loader: () =>
      import('./components/RecoveryPage').then(m => <m.RecoveryPage />),
  },
});

/** Services and the resources that hold data: what a recovery is about. */
const showRecovery = (entity: Entity) =>
  showBackups(entity) ||
  Boolean(entity.metadata.annotations?.['argocd/app-name']) ||
  Boolean(entity.metadata.annotations?.['backstage.io/kubernetes-id']);

const recoveryCard = EntityCardBlueprint.make({
  name: 'recovery',
  params: {
    filter: showRecovery,
    loader: () =>
      import('./components/RecoveryCard').then(m => <m.RecoveryCard />),
  },
});

const backupsCard = EntityCardBlueprint.make({
  name: 'backups',
  params: {
    filter: showBackups,
    loader: () =>
      import('./components/BackupsCard').then(m => <m.BackupsCard />),
  },
});

const backupsContent = EntityContentBlueprint.make({
  name: 'backups',
  params: {
    path: '/backups',
    title: 'Backups',
    filter: showBackups,
    loader: () =>
      import('./components/BackupsContent').then(m => <m.BackupsContent />),
  },
});

/** The backups plugin for the new frontend system. @public */
export default createFrontendPlugin({
  pluginId: 'backups',
  extensions: [
    backupsApi,
    backupsPage,
    recoveryPage,
    backupsCard,
    recoveryCard,
    backupsContent,
  ],
  routes: convertLegacyRouteRefs({
    root: backupsRouteRef,
    recovery: recoveryRouteRef,
  }),
});
