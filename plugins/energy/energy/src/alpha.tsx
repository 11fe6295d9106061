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
import { isEnergyAvailable } from '@homelab-portal/plugin-energy-common';
import EcoIcon from '@material-ui/icons/Eco';
import { EnergyClient, energyApiRef } from './api';
import { energyRouteRef } from './routes';

const energyApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: energyApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new EnergyClient(deps),
    }),
});

const energyPage = PageBlueprint.make({
  params: {
    path: '/energy',
    title: 'Energy',
    icon: <EcoIcon />,
    routeRef: convertLegacyRouteRefs({ root: energyRouteRef }).root,
    loader: () => import('./components/EnergyPage').then(m => <m.EnergyPage />),
  },
});

const energyCard = EntityCardBlueprint.make({
  name: 'energy',
  params: {
    filter: isEnergyAvailable,
    loader: () => import('./components/EnergyCard').then(m => <m.EnergyCard />),
  },
});

const energyContent = EntityContentBlueprint.make({
  name: 'energy',
  params: {
    path: '/energy',
    title: 'Energy',
    filter: isEnergyAvailable,
    loader: () =>
      import('./components/EnergyContent').then(m => <m.EnergyContent />),
  },
});

/** The energy plugin for the new frontend system. @public */
export default createFrontendPlugin({
  pluginId: 'energy',
  extensions: [energyApi, energyPage, energyCard, energyContent],
  routes: convertLegacyRouteRefs({ root: energyRouteRef }),
});
