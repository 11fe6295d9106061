export {
  backupsPlugin,
  BackupsPage,
  EntityBackupsCard,
  EntityBackupsContent,
} from './plugin';
export { backupsApiRef, BackupsClient } from './api';
export type { BackupsApi, BackupsOverview, EntityBackups } from './api';
export { isBackupsAvailable } from '@homelab-portal/plugin-backups-common';
