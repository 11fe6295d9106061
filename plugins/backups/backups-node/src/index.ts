/**
 * The backups backend as a typed service for other backends.
 *
 * @packageDocumentation
 */
export { backupsServiceRef } from './lib';
export { DefaultBackupsService } from './BackupsService';
export type {
  BackupsService,
  BackupsOverviewAnswer,
  EntityBackupsAnswer,
} from './BackupsService';
