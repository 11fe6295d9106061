import { fill, PolicyFinding } from '../../analyse/PolicyEngine';
import { ActionTemplate } from '../../analyse/policies';
import { assertQuantity } from '../schemas';
import {
  bytes,
  consumerName,
  fillDeep,
  GiB,
  Plan,
  PlanContext,
  safeRepoPath,
} from './shared';

/** DiskFull: a cleanup chosen from evidence, the biggest consumers on that volume. */
export async function planCleanup(
  ctx: PlanContext,
  finding: PolicyFinding,
  template: Extract<ActionTemplate, { type: 'cleanup' }>,
  title: string,
): Promise<Plan> {
  const node = ctx.nodeOf(finding);
  const device = finding.vars['labels.device'] || undefined;
  const { consumers, evidence } = await ctx.consumers('disk', {
    node,
    device,
  });
  const top = consumers[0];
  if (!top) {
    return {
      action: {
        type: 'none',
        title: `${title} by hand: there is no evidence of what fills it`,
      },
      evidence,
    };
  }
  const service = top.service;
  const recipe = service
    ? Object.entries(template.cleanups ?? {}).find(
        ([name]) => name === service.name,
      )?.[1]
    : undefined;
  if (recipe) {
    const vars = { ...finding.vars, 'consumer.service': service!.name };
    const action = await ctx.gitopsChange(
      `${fill(recipe.title, vars)} (${consumerName(top)} uses ${bytes(
        top.value,
      )})`,
      safeRepoPath(recipe.file, vars),
      Object.entries(recipe.set).map(([path, value]) => [
        path,
        fillDeep(value, vars),
      ]),
    );
    return { action, evidence };
  }
  if (top.kind === 'pod' && service) {
    // A pod's writable layer, logs and emptyDirs: a limit below what it
    // uses makes the kubelet evict it now, which deletes them, and caps
    // them from then on.
    const limitGi = Math.max(1, Math.ceil(top.value / GiB / 2));
    const limit = `${limitGi}Gi`;
    assertQuantity(limit, 'ephemeral-storage limit');
    const file = safeRepoPath('apps/{{consumer.service}}/values.yaml', {
      'consumer.service': service.name,
    });
    const action = await ctx.gitopsChange(
      `Cap ${
        service.name
      }'s ephemeral storage at ${limit}: the kubelet evicts ${top.namespace}/${
        top.name
      } and frees its ${bytes(top.value)} of logs and scratch files`,
      file,
      [['resources.limits.ephemeral-storage', limit]],
    );
    return { action, evidence };
  }
  return {
    action: {
      type: 'none',
      title: `${title} by hand: the biggest consumer, ${consumerName(
        top,
      )} (${bytes(top.value)}), has no known cleanup`,
    },
    evidence,
  };
}
