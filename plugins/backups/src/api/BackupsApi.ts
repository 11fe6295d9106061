import { createApiRef } from '@backstage/core-plugin-api';
import {
  BackupCompliance,
  BackupPolicy,
  BackupRun,
} from '@homelab-portal/plugin-backups-common';

/** @public */
export type EntityBackups = BackupCompliance & {
  entityRef: string;
  source: 'live' | 'demo';
  runs: BackupRun[];
  restores: Array<{
    id: string;
    backupName: string;
    outcome: string;
    completedAt: string | null;
    failureReason?: string;
  }>;
  warnings: string[];
};

/** @public */
export type BackupsOverview = {
  source: 'live' | 'demo';
  policies: Array<{
    policy: BackupPolicy;
    entities: Array<{
      entityRef: string;
      title?: string;
      rpo: string;
      retention: string;
      lastGoodAt: string | null;
    }>;
  }>;
  unprotected: Array<{ entityRef: string; title?: string }>;
  days: Array<{ date: string; succeeded: number; failed: number }>;
  warnings: string[];
};

/** The backups backend's API. @public */
export interface BackupsApi {
  getEntity(entityRef: string): Promise<EntityBackups>;
  getOverview(): Promise<BackupsOverview>;
}

/** @public */
export const backupsApiRef = createApiRef<BackupsApi>({
  id: 'plugin.backups.service',
});
