import { createRouteRef } from '@backstage/core-plugin-api';

/** The network topology page. */
export const topologyRouteRef = createRouteRef({ id: 'homelab:topology' });

/** The capacity page (the seed's Scaling Model). */
export const capacityRouteRef = createRouteRef({ id: 'homelab:capacity' });

/** The DNS view: the lab's names, records, answering servers and problems. */
export const dnsRouteRef = createRouteRef({ id: 'homelab:dns' });

/** The secrets inventory (Vault metadata, never a value). */
export const secretsRouteRef = createRouteRef({ id: 'homelab:secrets' });
