import { createRouteRef } from '@backstage/core-plugin-api';

/** The homelab-wide energy page. */
export const energyRouteRef = createRouteRef({ id: 'energy' });
