import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { Entity } from '@backstage/catalog-model';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import LoopIcon from '@material-ui/icons/Loop';
import { CyberneticsClient, cyberneticsApiRef } from './api';
import { cyberneticsRouteRef } from './routes';

const cyberneticsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: cyberneticsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CyberneticsClient(deps),
    }),
});

const decisionsPage = PageBlueprint.make({
  params: {
    // Notifications link to /cybernetics/decisions/<id>.
    path: '/cybernetics',
    title: 'Decisions',
    icon: <LoopIcon />,
    routeRef: convertLegacyRouteRefs({ root: cyberneticsRouteRef }).root,
    loader: () =>
      import('./components/DecisionsPage').then(m => <m.DecisionsPage />),
  },
});

/** Services and hardware: what the loop's policies find things about. */
const decidable = (entity: Entity) =>
  ['component', 'resource'].includes(entity.kind.toLocaleLowerCase('en-US'));

const decisionsCard = EntityCardBlueprint.make({
  name: 'decisions',
  params: {
    filter: decidable,
    loader: () =>
      import('./components/EntityDecisionsCard').then(m => (
        <m.EntityDecisionsCard />
      )),
  },
});

/** The cybernetics plugin for the new frontend system. @public */
export default createFrontendPlugin({
  pluginId: 'cybernetics',
  extensions: [cyberneticsApi, decisionsPage, decisionsCard],
  routes: convertLegacyRouteRefs({ root: cyberneticsRouteRef }),
});
