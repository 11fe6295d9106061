/**
 * The backups backend plugin: Velero and restic against the backup policy.
 *
 * @packageDocumentation
 */
export { backupsPlugin as default } from './plugin';
