import { InputError } from '@backstage/errors';
import { ProposedAction } from '@homelab-portal/plugin-cybernetics-common';
import { PolicyFinding } from '../../analyse/PolicyEngine';
import { ActionTemplate } from '../../analyse/policies';
import { PlanContext } from './shared';

/** NodeDown, as the runbook says: page the entity's owner, with escalation. */
export async function planPage(
  ctx: PlanContext,
  finding: PolicyFinding,
  template: Extract<ActionTemplate, { type: 'page' }>,
  title: string,
): Promise<ProposedAction> {
  const targets = (await ctx.deps.pagingTargets?.(finding.entityRef)) ?? {
    recipients: [],
    escalateTo: [],
  };
  if (targets.recipients.length === 0) {
    throw new InputError(
      `${finding.entityRef} has no owner in the catalog to page`,
    );
  }
  return {
    type: 'page',
    title,
    recipients: targets.recipients,
    escalateTo: template.escalateTo ?? targets.escalateTo,
    escalateAfterMinutes: ctx.deps.escalateAfterMinutes ?? 15,
  };
}
