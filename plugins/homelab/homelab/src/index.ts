export {
  homelabPlugin,
  NetworkTopologyPage,
  CapacityPage,
  DnsPage,
  SecretsPage,
  EntityHardwareCard,
  EntityVlanCard,
  VlanPickerFieldExtension,
  HomelabVlanFieldExtension,
  HomelabInterfaceAddressFieldExtension,
  FirewallTargetPickerFieldExtension,
  HomelabTotalsCard,
  HomelabServicesCard,
} from './plugin';
export {
  isHardwareEntity,
  isVlanEntity,
} from '@homelab-portal/plugin-homelab-common';
export { homelabApiRef, HomelabClient } from './api';
export type { HomelabApi } from './api';
