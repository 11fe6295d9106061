import { createRouteRef } from '@backstage/core-plugin-api';

/** The homelab-wide alerts page. */
export const alertsRouteRef = createRouteRef({ id: 'alerts' });
