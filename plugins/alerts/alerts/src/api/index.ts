export { alertsApiRef } from './AlertsApi';
export type { AlertsApi } from './AlertsApi';
export { AlertsClient } from './AlertsClient';
