export {
  homelabPlugin,
  NetworkTopologyPage,
  CapacityPage,
  EntityHardwareCard,
  EntityVlanCard,
  VlanPickerFieldExtension,
} from './plugin';
export {
  isHardwareEntity,
  isVlanEntity,
} from '@homelab-portal/plugin-homelab-common';
