/**
 * Search that knows the homelab: IP and MAC addresses, VLAN ids and
 * hostnames find their entity first.
 *
 * @packageDocumentation
 */
export { searchModuleHomelab as default } from './module';
export {
  homelabEntityTransformer,
  homelabSearchFields,
  HOMELAB_KEYS_FIELD,
  HOMELAB_MENTIONS_FIELD,
} from './entityTransformer';
export type { HomelabSearchFields } from './entityTransformer';
export { HomelabLunrSearchEngine } from './HomelabLunrSearchEngine';
export { createHomelabLunrTranslator } from './translator';
