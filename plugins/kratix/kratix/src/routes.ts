import { createRouteRef } from '@backstage/core-plugin-api';

/** The requests page (`/kratix/requests`; a request at `/kratix/requests/<id>`). */
export const kratixRequestsRouteRef = createRouteRef({ id: 'kratix-requests' });
