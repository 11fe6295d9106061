/**
 * Backups in the portal: the homelab's backup policies, how compliance is
 * judged (RPO, retention, restore drills), annotations and the API shapes.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './client';
export * from './compliance';
export * from './policies';
export * from './types';
export * from './permissions';
export * from './recovery';
/** The backups backend's routes, typed from its OpenAPI spec by openapi-typescript. */
export type {
  paths as BackupsApiPaths,
  components as BackupsApiComponents,
} from './schema/openapi';
