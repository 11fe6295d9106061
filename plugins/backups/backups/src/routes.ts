import { createRouteRef } from '@backstage/core-plugin-api';

/** The homelab-wide backups page. */
export const backupsRouteRef = createRouteRef({ id: 'backups' });

/** Recovery readiness: the seed's four recovery procedures. */
export const recoveryRouteRef = createRouteRef({ id: 'backups-recovery' });
