/**
 * Energy in the portal: what the energy API answers, the annotations that map
 * entities to power series, the permission, and unit conversions.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './types';
export * from './units';
