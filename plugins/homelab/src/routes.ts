import { createRouteRef } from '@backstage/core-plugin-api';

/** The network topology page. */
export const topologyRouteRef = createRouteRef({ id: 'homelab:topology' });

/** The capacity page (the seed's Scaling Model). */
export const capacityRouteRef = createRouteRef({ id: 'homelab:capacity' });
