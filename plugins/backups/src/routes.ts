import { createRouteRef } from '@backstage/core-plugin-api';

/** The homelab-wide backups page. */
export const backupsRouteRef = createRouteRef({ id: 'backups' });
