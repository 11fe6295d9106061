import { PolicyFinding } from '../../analyse/PolicyEngine';
import { ActionTemplate } from '../../analyse/policies';
import { Change } from '../../sense/EvidenceReader';
import { amount, consumerName, Plan, PlanContext } from './shared';

/** HighCPU and HighMemory: an investigation with the top consumers and the recent changes as evidence. */
export async function planInvestigation(
  ctx: PlanContext,
  finding: PolicyFinding,
  template: Extract<ActionTemplate, { type: 'investigation' }>,
  title: string,
): Promise<Plan> {
  const node = ctx.nodeOf(finding);
  const { consumers, evidence } = await ctx.consumers(template.resource, {
    node,
  });
  const apps = consumers
    .map(c => c.service?.argocdApp)
    .filter((a): a is string => Boolean(a));
  let changes: Change[] = [];
  if (apps.length === 0) {
    evidence.push({
      label: 'Recent changes',
      value: 'no data: no top consumer names an ArgoCD application',
    });
  } else {
    try {
      changes = (await ctx.deps.evidence?.recentChanges(apps)) ?? [];
      evidence.push({
        label: `Recent ArgoCD deployments of ${[...new Set(apps)].join(', ')}`,
        value:
          changes.length === 0
            ? 'none in their history'
            : changes
                .map(
                  c =>
                    `${c.app} ${c.revision.slice(0, 12)} at ${c.deployedAt}${
                      c.author ? ` by ${c.author}` : ''
                    }${c.message ? `: ${c.message}` : ''}`,
                )
                .join('; '),
        query: 'GET /api/v1/applications/{app} (status.history)',
      });
    } catch (error) {
      evidence.push({
        label: 'Recent changes',
        value: `no data: ${(error as Error).message}`,
      });
    }
  }
  const what = template.resource === 'cpu' ? 'CPU' : 'memory';
  const top = consumers[0];
  const questions = [
    top
      ? `Is ${consumerName(top)} (${amount(
          template.resource,
          top.value,
        )}) expected to use this much ${what} on ${node}?`
      : `Which workload uses the ${what} on ${node}? Prometheus had no per-pod series.`,
    changes[0]
      ? `Did the deployment of ${changes[0].app} at ${
          changes[0].deployedAt
        } (${changes[0].revision.slice(0, 12)}) change its ${what} use?`
      : `Did anything change on ${node} lately (no recent ArgoCD deployment of its top consumers)?`,
    `Would the load fit on another node, or does ${node} need a limit or more capacity?`,
  ];
  return {
    action: { type: 'investigation', title, questions },
    evidence,
  };
}
