import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { createCardExtension } from '@backstage/plugin-home-react';
import { VlanPicker } from './components/VlanPicker';
import { capacityRouteRef, topologyRouteRef } from './routes';

/** The homelab plugin for the legacy frontend system. */
export const homelabPlugin = createPlugin({
  id: 'homelab',
  routes: {
    topology: topologyRouteRef,
    capacity: capacityRouteRef,
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
