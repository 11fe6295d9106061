export {
  homelabPlugin,
  NetworkTopologyPage,
  CapacityPage,
  EntityHardwareCard,
  EntityVlanCard,
  VlanPickerFieldExtension,
  HomelabTotalsCard,
  HomelabServicesCard,
} from './plugin';
export {
  isHardwareEntity,
  isVlanEntity,
} from '@homelab-portal/plugin-homelab-common';
