import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isKratixPromise } from '@homelab-portal/plugin-kratix-common';
import PlaylistAddCheckIcon from '@material-ui/icons/PlaylistAddCheck';
import { Route, Routes } from 'react-router-dom';
import { KratixClient, kratixApiRef } from './api';
import { kratixRequestsRouteRef } from './routes';

const kratixApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kratixApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new KratixClient(deps),
    }),
});

const requestsPage = PageBlueprint.make({
  params: {
    // Notifications link to /kratix/requests/<id>.
    path: '/kratix/requests',
    title: 'Requests',
    icon: <PlaylistAddCheckIcon />,
    routeRef: convertLegacyRouteRefs({ requests: kratixRequestsRouteRef })
      .requests,
    loader: () =>
      import('./components/RequestsPage').then(m => <m.RequestsPage />),
  },
});

// The local start's stand-in for a pull request (homelab.localForge): a
// commit on a branch of the local Git repository, where the template links.
const localChangePage = PageBlueprint.make({
  name: 'local-git',
  params: {
    path: '/kratix/local-git',
    loader: () =>
      import('./components/LocalChangePage').then(m => (
        <Routes>
          <Route path="/:sha" element={<m.LocalChangePage />} />
        </Routes>
      )),
  },
});

const promiseContent = EntityContentBlueprint.make({
  name: 'promise',
  params: {
    path: '/kratix',
    title: 'Promise',
    filter: isKratixPromise,
    loader: () =>
      import('./components/PromiseContent').then(m => <m.PromiseContent />),
  },
});

/** The kratix plugin for the new frontend system. @public */
export default createFrontendPlugin({
  pluginId: 'kratix',
  extensions: [kratixApi, requestsPage, localChangePage, promiseContent],
  routes: convertLegacyRouteRefs({ requests: kratixRequestsRouteRef }),
});
