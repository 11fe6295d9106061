export {
  homelabPlugin,
  NetworkTopologyPage,
  CapacityPage,
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
