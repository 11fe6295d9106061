import { createApiRef } from '@backstage/core-plugin-api';
import {
  BackupsOverview,
  EntityBackups,
} from '@homelab-portal/plugin-backups-common';

/** The backups backend's API. @public */
export interface BackupsApi {
  getEntity(entityRef: string): Promise<EntityBackups>;
  getOverview(): Promise<BackupsOverview>;
}

/** @public */
export const backupsApiRef = createApiRef<BackupsApi>({
  id: 'plugin.backups.service',
});
