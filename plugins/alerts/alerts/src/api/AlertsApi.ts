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
  /**
   * One page of an entity's history over `days` (default 30), newest first;
   * pass the previous page's `nextCursor` for the next one.
   */
  getHistory(
    entityRef: string,
    days?: number,
    cursor?: string,
  ): Promise<EntityAlertHistory>;
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
