/**
 * Energy in the portal: what the energy API answers, the annotations that map
 * entities to power series, the permission, and unit conversions.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './types';
/** The energy backend's routes, typed from its OpenAPI spec by openapi-typescript. */
export type {
  paths as EnergyApiPaths,
  components as EnergyApiComponents,
} from './schema/openapi';
export * from './units';
export * from './client';
