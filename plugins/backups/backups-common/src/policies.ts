/**
 * A backup policy, as in the seed's table: how often, how long kept, with what.
 *
 * @public
 */
export type BackupPolicy = {
  name: string;
  title: string;
  /** The longest acceptable age of the last good backup (the RPO), in seconds. */
  rpoSeconds: number;
  /** How long backups must be kept, in seconds; null for forever. */
  retentionSeconds: number | null;
  tool: 'velero' | 'restic';
};

const HOUR = 3600;
const DAY = 86400;

/**
 * The seed homelab's policy (cluster state daily for 30 d, databases hourly
 * for 3 d, configs weekly for 90 d, all with Velero; media on change, kept
 * forever, with restic to the NAS). "On change" has no clock, so its RPO is
 * a week: a media share that has not been snapshotted in a week is late.
 *
 * @public
 */
export const SEED_POLICIES: BackupPolicy[] = [
  {
    name: 'cluster-state',
    title: 'Cluster state',
    rpoSeconds: DAY,
    retentionSeconds: 30 * DAY,
    tool: 'velero',
  },
  {
    name: 'databases',
    title: 'Databases',
    rpoSeconds: HOUR,
    retentionSeconds: 3 * DAY,
    tool: 'velero',
  },
  {
    name: 'configs',
    title: 'Configs',
    rpoSeconds: 7 * DAY,
    retentionSeconds: 90 * DAY,
    tool: 'velero',
  },
  {
    name: 'media',
    title: 'Media',
    rpoSeconds: 7 * DAY,
    retentionSeconds: null,
    tool: 'restic',
  },
];
