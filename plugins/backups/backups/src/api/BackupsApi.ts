import { createApiRef } from '@backstage/core-plugin-api';
import {
  BackupsOverview,
  EntityBackups,
  EntityRecovery,
  RecoveryReadiness,
} from '@homelab-portal/plugin-backups-common';

/** The backups backend's API. @public */
export interface BackupsApi {
  getEntity(entityRef: string): Promise<EntityBackups>;
  getOverview(): Promise<BackupsOverview>;
  /** The homelab's readiness for the seed's four recovery procedures. */
  getReadiness(): Promise<RecoveryReadiness>;
  /** One entity's part in each recovery procedure, and its drills. */
  getEntityRecovery(entityRef: string): Promise<EntityRecovery>;
}

/** @public */
export const backupsApiRef = createApiRef<BackupsApi>({
  id: 'plugin.backups.service',
});
