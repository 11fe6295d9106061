export { backupsApiRef } from './BackupsApi';
export type { BackupsApi } from './BackupsApi';
export { BackupsClient } from './BackupsClient';
