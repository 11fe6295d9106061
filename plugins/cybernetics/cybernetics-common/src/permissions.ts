import { createPermission } from '@backstage/plugin-permission-common';

/** Approving or rejecting a decision: the only way anything changes. @public */
export const decisionApprovePermission = createPermission({
  name: 'cybernetics.decision.approve',
  attributes: { action: 'update' },
});

/** @public */
export const cyberneticsPermissions = [decisionApprovePermission];
