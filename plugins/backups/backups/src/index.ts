export {
  backupsPlugin,
  BackupsPage,
  EntityBackupsCard,
  EntityBackupsContent,
  RecoveryPage,
  EntityRecoveryCard,
} from './plugin';
export { backupsApiRef, BackupsClient } from './api';
export type { BackupsApi } from './api';
export type {
  BackupsOverview,
  EntityBackups,
  EntityRecovery,
  RecoveryReadiness,
} from '@homelab-portal/plugin-backups-common';
export { isBackupsAvailable } from '@homelab-portal/plugin-backups-common';
