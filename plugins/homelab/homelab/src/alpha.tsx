import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import { createHomelabCatalogGraphApi } from './catalogGraph';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { HARDWARE_TYPES } from '@homelab-portal/plugin-homelab-common';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import StorageIcon from '@material-ui/icons/Storage';
import DnsIcon from '@material-ui/icons/Dns';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import {
  capacityRouteRef,
  dnsRouteRef,
  secretsRouteRef,
  topologyRouteRef,
} from './routes';
import { HomelabClient, homelabApiRef } from './api';

const homelabApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: homelabApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new HomelabClient(deps),
    }),
});

const dnsPage = PageBlueprint.make({
  name: 'dns',
  params: {
    path: '/homelab/dns',
    title: 'DNS',
    icon: <DnsIcon />,
    routeRef: convertLegacyRouteRefs({ dns: dnsRouteRef }).dns,
    loader: () => import('./components/DnsPage').then(m => <m.DnsPage />),
  },
});

const secretsPage = PageBlueprint.make({
  name: 'secrets',
  params: {
    path: '/homelab/secrets',
    title: 'Secrets',
    icon: <VpnKeyIcon />,
    routeRef: convertLegacyRouteRefs({ secrets: secretsRouteRef }).secrets,
    loader: () =>
      import('./components/SecretsPage').then(m => <m.SecretsPage />),
  },
});

const topologyPage = PageBlueprint.make({
  name: 'topology',
  params: {
    path: '/homelab/topology',
    title: 'Network',
    icon: <DeviceHubIcon />,
    routeRef: convertLegacyRouteRefs({ topology: topologyRouteRef }).topology,
    loader: () =>
      import('./components/NetworkTopologyPage').then(m => (
        <m.NetworkTopologyPage />
      )),
  },
});

const capacityPage = PageBlueprint.make({
  name: 'capacity',
  params: {
    path: '/homelab/capacity',
    title: 'Capacity',
    icon: <StorageIcon />,
    routeRef: convertLegacyRouteRefs({ capacity: capacityRouteRef }).capacity,
    loader: () =>
      import('./components/CapacityPage').then(m => <m.CapacityPage />),
  },
});

const hardwareCard = EntityCardBlueprint.make({
  name: 'hardware',
  params: {
    filter: {
      kind: 'resource',
      'spec.type': { $in: [...HARDWARE_TYPES] },
    },
    loader: () =>
      import('./components/HardwareCard').then(m => <m.HardwareCard />),
  },
});

const vlanPickerField = FormFieldBlueprint.make({
  name: 'vlan-picker',
  params: {
    field: () =>
      import('./components/VlanPicker').then(m =>
        createFormField({ name: 'VlanPicker', component: m.VlanPicker }),
      ),
  },
});

// The Add-a-VLAN and Add-a-hardware-node forms' checked fields.
const scaffolderFields = [
  FormFieldBlueprint.make({
    name: 'homelab-vlan-field',
    params: {
      field: () =>
        import('./components/scaffolder').then(m =>
          createFormField({
            name: 'HomelabVlanField',
            component: m.HomelabVlanField,
            validation: m.homelabVlanFieldValidation,
          }),
        ),
    },
  }),
  FormFieldBlueprint.make({
    name: 'homelab-interface-address',
    params: {
      field: () =>
        import('./components/scaffolder').then(m =>
          createFormField({
            name: 'HomelabInterfaceAddress',
            component: m.HomelabInterfaceAddress,
            validation: m.homelabInterfaceAddressValidation,
          }),
        ),
    },
  }),
  FormFieldBlueprint.make({
    name: 'firewall-target-picker',
    params: {
      field: () =>
        import('./components/scaffolder').then(m =>
          createFormField({
            name: 'FirewallTargetPicker',
            component: m.FirewallTargetPicker,
          }),
        ),
    },
  }),
];

const vlanCard = EntityCardBlueprint.make({
  name: 'vlan',
  params: {
    filter: { kind: 'resource', 'spec.type': 'vlan' },
    loader: () => import('./components/VlanCard').then(m => <m.VlanCard />),
  },
});

/** The home page's totals: power and cost, alerts, backups, decisions, requests. */
const totalsWidget = HomePageWidgetBlueprint.make({
  name: 'totals',
  params: {
    name: 'HomelabTotals',
    title: 'Homelab at a glance',
    description:
      'Lab power and cost, firing alerts, unprotected services, open decisions and requests in flight',
    components: () =>
      import('./components/HomeWidgets').then(m => ({ Content: m.TotalsCard })),
  },
});

/** The home page's services: a tile per service with its address, health and backup. */
const servicesWidget = HomePageWidgetBlueprint.make({
  name: 'services',
  params: {
    name: 'HomelabServices',
    title: 'Services',
    description: 'Each service: its lab address, health and backup state',
    components: () =>
      import('./components/HomeWidgets').then(m => ({
        Content: m.ServicesCard,
      })),
  },
});

/** The homelab plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'homelab',
  extensions: [
    homelabApi,
    topologyPage,
    capacityPage,
    dnsPage,
    secretsPage,
    hardwareCard,
    vlanCard,
    vlanPickerField,
    ...scaffolderFields,
    totalsWidget,
    servicesWidget,
  ],
  routes: convertLegacyRouteRefs({
    topology: topologyRouteRef,
    capacity: capacityRouteRef,
    dns: dnsRouteRef,
    secrets: secretsRouteRef,
  }),
});

/**
 * Teaches the catalog graph the homelab's relations (runsOn, attachedTo,
 * canReach, storedOn and their reverses), so that graphs draw them.
 */
export const catalogGraphModuleHomelab = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: createHomelabCatalogGraphApi,
        }),
    }),
  ],
});
