import { Entity } from '@backstage/catalog-model';
import { HOMELAB_ANNOTATION_PREFIX } from '@homelab-portal/plugin-homelab-common';

/** The backup policy that applies to this entity, by name. @public */
export const ANNOTATION_BACKUP_POLICY = `${HOMELAB_ANNOTATION_PREFIX}/backup-policy`;

/** Velero Schedules whose backups are this entity's, comma-separated. @public */
export const ANNOTATION_VELERO_SCHEDULES = `${HOMELAB_ANNOTATION_PREFIX}/velero-schedules`;

/**
 * Restic snapshots that are this entity's: `repository` (a configured
 * repository's name), and any of `tags`, `host`, `path` to pick snapshots,
 * as `repository=nas-media,tags=jellyfin`.
 *
 * @public
 */
export const ANNOTATION_RESTIC = `${HOMELAB_ANNOTATION_PREFIX}/restic`;

/** @public */
export type ResticSelector = {
  repository: string;
  tags: string[];
  host?: string;
  path?: string;
};

/** Parses {@link ANNOTATION_RESTIC}; undefined if absent or unusable. @public */
export function resticSelector(entity: Entity): ResticSelector | undefined {
  const text = entity.metadata.annotations?.[ANNOTATION_RESTIC];
  if (!text) return undefined;
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const repository = fields.get('repository');
  if (!repository) return undefined;
  return {
    repository,
    tags: (fields.get('tags') ?? '')
      .split('+')
      .map(t => t.trim())
      .filter(Boolean),
    host: fields.get('host') || undefined,
    path: fields.get('path') || undefined,
  };
}

/** Whether anything says how this entity is backed up. @public */
export function isBackupsAvailable(entity: Entity): boolean {
  const a = entity.metadata.annotations ?? {};
  return Boolean(
    a[ANNOTATION_BACKUP_POLICY] ||
      a[ANNOTATION_VELERO_SCHEDULES] ||
      a[ANNOTATION_RESTIC],
  );
}
