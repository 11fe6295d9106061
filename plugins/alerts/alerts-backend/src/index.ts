/**
 * The alerts backend plugin: Alertmanager alerts on entities, silences and history.
 *
 * @packageDocumentation
 */
export { alertsPlugin as default } from './plugin';
