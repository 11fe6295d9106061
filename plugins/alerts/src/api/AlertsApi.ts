import { createApiRef } from '@backstage/core-plugin-api';
import {
  AlertsOverview,
  EntityAlertHistory,
  EntityAlerts,
  Silence,
} from '@homelab-portal/plugin-alerts-common';

/** The alerts backend's API. @public */
export interface AlertsApi {
  getEntityAlerts(entityRef: string): Promise<EntityAlerts>;
  getHistory(entityRef: string, days?: number): Promise<EntityAlertHistory>;
  getOverview(): Promise<AlertsOverview>;
  getSilences(): Promise<{ silences: Silence[]; warnings: string[] }>;
  createSilence(input: {
    alertmanager: string;
    matchers: string;
    durationMinutes: number;
    comment: string;
  }): Promise<{ alertmanager: string; id: string }>;
  acknowledge(input: {
    alertmanager: string;
    fingerprint: string;
    comment?: string;
  }): Promise<{ alertmanager: string; id: string }>;
  expireSilence(alertmanager: string, id: string): Promise<void>;
}

/** @public */
export const alertsApiRef = createApiRef<AlertsApi>({
  id: 'plugin.alerts.service',
});
