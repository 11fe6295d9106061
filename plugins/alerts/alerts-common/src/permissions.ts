import { createPermission } from '@backstage/plugin-permission-common';

/** Creating a silence or acknowledging an alert (a short silence). @public */
export const alertsSilenceCreatePermission = createPermission({
  name: 'alerts.silence.create',
  attributes: { action: 'create' },
});

/** Expiring a silence before its end. @public */
export const alertsSilenceExpirePermission = createPermission({
  name: 'alerts.silence.expire',
  attributes: { action: 'delete' },
});

/** Reading the homelab-wide alerts overview and silences. @public */
export const alertsReadPermission = createPermission({
  name: 'alerts.overview.read',
  attributes: { action: 'read' },
});

/** @public */
export const alertsPermissions = [
  alertsSilenceCreatePermission,
  alertsSilenceExpirePermission,
  alertsReadPermission,
];
