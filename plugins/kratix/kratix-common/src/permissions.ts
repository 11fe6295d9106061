import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Registering a Kratix request with the portal, so that it follows the
 * request's pull request on a forge (with the portal's forge token) until it
 * is ready. An action like running the Kratix templates: the homelab policy
 * allows it to the admins only.
 *
 * @public
 */
export const kratixRequestCreatePermission = createPermission({
  name: 'kratix.request.create',
  attributes: { action: 'create' },
});

/** @public */
export const kratixPermissions = [kratixRequestCreatePermission];
