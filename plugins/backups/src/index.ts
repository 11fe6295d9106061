export {
  backupsPlugin,
  BackupsPage,
  EntityBackupsCard,
  EntityBackupsContent,
} from './plugin';
export { backupsApiRef, BackupsClient } from './api';
export type { BackupsApi } from './api';
export type {
  BackupsOverview,
  EntityBackups,
} from '@homelab-portal/plugin-backups-common';
export { isBackupsAvailable } from '@homelab-portal/plugin-backups-common';
