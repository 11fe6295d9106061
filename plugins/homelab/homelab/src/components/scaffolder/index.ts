export {
  FirewallTargetPicker,
  HomelabInterfaceAddress,
  HomelabVlanField,
  homelabInterfaceAddressValidation,
  homelabVlanFieldValidation,
} from './fields';
export type { HomelabVlanFieldOptions } from './fields';
export { interfaceProblems, vlanProblems } from './vlanChecks';
