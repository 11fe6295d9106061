/**
 * Alerts in the portal: Alertmanager matchers, the shapes of the alerts API,
 * the annotations that map entities to alerts, and the permissions.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './client';
export * from './matchers';
export * from './permissions';
export * from './types';
