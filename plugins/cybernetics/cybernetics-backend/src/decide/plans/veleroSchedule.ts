import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { PolicyFinding } from '../../analyse/PolicyEngine';
import { ActionTemplate } from '../../analyse/policies';
import { assertVeleroSchedule } from '../schemas';
import { Plan, PlanContext, safeRepoPath } from './shared';

/** An RPO breach: back up hourly through a valid Velero Schedule (created when missing). */
export async function planVeleroSchedule(
  ctx: PlanContext,
  finding: PolicyFinding,
  template: Extract<ActionTemplate, { type: 'velero-schedule' }>,
  title: string,
): Promise<Plan> {
  const file = safeRepoPath(template.file, finding.vars);
  const before = await ctx.deps.readRepoFile(file);
  if (before !== null) {
    const { doc } = await ctx.readYaml(file);
    assertVeleroSchedule(doc.toJS(), file);
    const action = await ctx.gitopsChange(
      title,
      file,
      [['spec.schedule', template.schedule]],
      after => assertVeleroSchedule(after, `${file} after the change`),
    );
    return { action, evidence: [] };
  }
  // No schedule yet: a complete one for the entity's namespace, as the
  // backup-schedule template writes it, or nothing.
  const workload = (await ctx.deps.evidence?.workloads().catch(() => []))?.find(
    w => w.entityRef === finding.entityRef,
  );
  if (!workload) {
    return {
      action: {
        type: 'none',
        title: `Create a Velero Schedule for ${finding.vars['entity.name']} with the backup-schedule template: ${file} is missing and the catalog names no Kubernetes namespace for it`,
      },
      evidence: [{ label: 'Schedule file', value: `${file}: missing` }],
    };
  }
  const schedule = {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: {
      name: `${workload.name}-${finding.vars['backup.policy'] || 'backup'}`
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')
        .slice(0, 63)
        .replace(/-+$/, ''),
      namespace: 'velero',
      labels: {
        'app.kubernetes.io/managed-by': 'homelab-portal',
      },
    },
    spec: {
      schedule: template.schedule,
      useOwnerReferencesInBackup: false,
      template: {
        includedNamespaces: [workload.namespace],
        storageLocation: template.storageLocation ?? 'nas',
        ttl: template.ttl ?? '72h0m0s',
      },
    },
  };
  assertVeleroSchedule(schedule, file);
  const after = stringify(schedule);
  return {
    action: {
      type: 'gitops-change',
      title,
      file,
      before: null,
      after,
      diff: createTwoFilesPatch(`a/${file}`, `b/${file}`, '', after),
    },
    evidence: [
      {
        label: 'Schedule file',
        value: `${file}: missing, so a new Schedule for namespace ${workload.namespace}`,
      },
    ],
  };
}
