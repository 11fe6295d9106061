import { createRouteRef } from '@backstage/core-plugin-api';

/** The decisions page (`/cybernetics`; a decision at `/cybernetics/decisions/<id>`, the loop at `/cybernetics/loop`). */
export const cyberneticsRouteRef = createRouteRef({ id: 'cybernetics' });
