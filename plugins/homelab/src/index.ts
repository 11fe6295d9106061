export {
  homelabPlugin,
  NetworkTopologyPage,
  CapacityPage,
  EntityHardwareCard,
  EntityVlanCard,
} from './plugin';
export {
  isHardwareEntity,
  isVlanEntity,
} from '@homelab-portal/plugin-homelab-common';
