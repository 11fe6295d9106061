/**
 * The energy backend plugin: Kepler power and energy for catalog entities.
 *
 * @packageDocumentation
 */
export { energyPlugin as default } from './plugin';
