export {
  alertsPlugin,
  AlertsPage,
  EntityAlertsCard,
  EntityAlertsContent,
} from './plugin';
export { alertsApiRef, AlertsClient } from './api';
export type { AlertsApi } from './api';
export { isAlertsAvailable } from '@homelab-portal/plugin-alerts-common';
