import { createPermission } from '@backstage/plugin-permission-common';

/** Reading the homelab-wide backup compliance. @public */
export const backupsReadPermission = createPermission({
  name: 'backups.overview.read',
  attributes: { action: 'read' },
});

/** @public */
export const backupsPermissions = [backupsReadPermission];
