/**
 * The homelab backend plugin: the DNS view and the secrets inventory.
 *
 * @packageDocumentation
 */
export { homelabPlugin as default } from './plugin';
