export { backupsApiRef } from './BackupsApi';
export type { BackupsApi, BackupsOverview, EntityBackups } from './BackupsApi';
export { BackupsClient } from './BackupsClient';
