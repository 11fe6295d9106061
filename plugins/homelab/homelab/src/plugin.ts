import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { createCardExtension } from '@backstage/plugin-home-react';
import { VlanPicker } from './components/VlanPicker';
import {
  FirewallTargetPicker,
  HomelabInterfaceAddress,
  HomelabVlanField,
  homelabInterfaceAddressValidation,
  homelabVlanFieldValidation,
} from './components/scaffolder';
import {
  capacityRouteRef,
  dnsRouteRef,
  secretsRouteRef,
  topologyRouteRef,
} from './routes';
import { HomelabClient, homelabApiRef } from './api';

/** The homelab plugin for the legacy frontend system. */
export const homelabPlugin = createPlugin({
  id: 'homelab',
  apis: [
    createApiFactory({
      api: homelabApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new HomelabClient(deps),
    }),
  ],
  routes: {
    topology: topologyRouteRef,
    capacity: capacityRouteRef,
    dns: dnsRouteRef,
    secrets: secretsRouteRef,
  },
});

/** The network topology page. */
export const NetworkTopologyPage = homelabPlugin.provide(
  createRoutableExtension({
    name: 'NetworkTopologyPage',
    component: () =>
      import('./components/NetworkTopologyPage').then(
        m => m.NetworkTopologyPage,
      ),
    mountPoint: topologyRouteRef,
  }),
);

/** The capacity page. */
export const CapacityPage = homelabPlugin.provide(
  createRoutableExtension({
    name: 'CapacityPage',
    component: () =>
      import('./components/CapacityPage').then(m => m.CapacityPage),
    mountPoint: capacityRouteRef,
  }),
);

/** The DNS view: the lab's names, records, answering servers and problems. */
export const DnsPage = homelabPlugin.provide(
  createRoutableExtension({
    name: 'DnsPage',
    component: () => import('./components/DnsPage').then(m => m.DnsPage),
    mountPoint: dnsRouteRef,
  }),
);

/** The secrets inventory: Vault metadata per service, rotation findings. */
export const SecretsPage = homelabPlugin.provide(
  createRoutableExtension({
    name: 'SecretsPage',
    component: () =>
      import('./components/SecretsPage').then(m => m.SecretsPage),
    mountPoint: secretsRouteRef,
  }),
);

/** The hardware card for compute nodes, the NAS and the switch. */
export const EntityHardwareCard = homelabPlugin.provide(
  createComponentExtension({
    name: 'EntityHardwareCard',
    component: {
      lazy: () => import('./components/HardwareCard').then(m => m.HardwareCard),
    },
  }),
);

/** The VLAN card. */
export const EntityVlanCard = homelabPlugin.provide(
  createComponentExtension({
    name: 'EntityVlanCard',
    component: {
      lazy: () => import('./components/VlanCard').then(m => m.VlanCard),
    },
  }),
);

/** The VLAN picker for scaffolder templates (`ui:field: VlanPicker`). */
export const VlanPickerFieldExtension = homelabPlugin.provide(
  createScaffolderFieldExtension({
    name: 'VlanPicker',
    component: VlanPicker,
  }),
);

/**
 * The Add-a-VLAN form's id, subnet and gateway (`ui:field: HomelabVlanField`),
 * refused before submit when they clash with the catalog's VLANs.
 */
export const HomelabVlanFieldExtension = homelabPlugin.provide(
  createScaffolderFieldExtension({
    name: 'HomelabVlanField',
    component: HomelabVlanField,
    validation: homelabVlanFieldValidation,
  }),
);

/** A device interface's address, refused outside its VLAN or when taken. */
export const HomelabInterfaceAddressFieldExtension = homelabPlugin.provide(
  createScaffolderFieldExtension({
    name: 'HomelabInterfaceAddress',
    component: HomelabInterfaceAddress,
    validation: homelabInterfaceAddressValidation,
  }),
);

/** A firewall rule's destination: anywhere, the internet or a VLAN. */
export const FirewallTargetPickerFieldExtension = homelabPlugin.provide(
  createScaffolderFieldExtension({
    name: 'FirewallTargetPicker',
    component: FirewallTargetPicker,
  }),
);

/** The home page's totals card (legacy home page). */
export const HomelabTotalsCard = homelabPlugin.provide(
  createCardExtension({
    name: 'HomelabTotals',
    title: 'Homelab at a glance',
    components: () =>
      import('./components/HomeWidgets').then(m => ({ Content: m.TotalsCard })),
  }),
);

/** The home page's services card (legacy home page). */
export const HomelabServicesCard = homelabPlugin.provide(
  createCardExtension({
    name: 'HomelabServices',
    title: 'Services',
    components: () =>
      import('./components/HomeWidgets').then(m => ({
        Content: m.ServicesCard,
      })),
  }),
);
