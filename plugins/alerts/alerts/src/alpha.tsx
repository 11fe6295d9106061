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
import { isAlertsAvailable } from '@homelab-portal/plugin-alerts-common';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import { AlertsClient, alertsApiRef } from './api';
import { alertsRouteRef } from './routes';

const alertsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: alertsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AlertsClient(deps),
    }),
});

const alertsPage = PageBlueprint.make({
  params: {
    path: '/alerts',
    title: 'Alerts',
    icon: <NotificationsActiveIcon />,
    routeRef: convertLegacyRouteRefs({ root: alertsRouteRef }).root,
    loader: () => import('./components/AlertsPage').then(m => <m.AlertsPage />),
  },
});

const alertsCard = EntityCardBlueprint.make({
  name: 'alerts',
  params: {
    filter: isAlertsAvailable,
    loader: () => import('./components/AlertsCard').then(m => <m.AlertsCard />),
  },
});

const alertsContent = EntityContentBlueprint.make({
  name: 'alerts',
  params: {
    path: '/alerts',
    title: 'Alerts',
    filter: isAlertsAvailable,
    loader: () =>
      import('./components/AlertsContent').then(m => <m.AlertsContent />),
  },
});

/** The alerts plugin for the new frontend system. @public */
export default createFrontendPlugin({
  pluginId: 'alerts',
  extensions: [alertsApi, alertsPage, alertsCard, alertsContent],
  routes: convertLegacyRouteRefs({ root: alertsRouteRef }),
});
