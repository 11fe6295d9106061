import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the homelab-wide energy overview. Per-entity answers are governed
 * by the catalog's own read permission on that entity.
 *
 * @public
 */
export const energyReadPermission = createPermission({
  name: 'energy.overview.read',
  attributes: { action: 'read' },
});

/** @public */
export const energyPermissions = [energyReadPermission];
