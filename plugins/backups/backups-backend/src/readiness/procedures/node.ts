/** Procedure 2, node failure: which workloads would not survive losing one node. */
import {
  NodeReadiness,
  ReadinessStatus,
  WorkloadReadiness,
} from '@homelab-portal/plugin-backups-common';
import { nodeCounts, podLabelsOf, workloadRisks } from '../workloads';
import {
  EntityLine,
  ReadinessInputs,
  ReadinessSettings,
  entityOfWorkload,
  procedure,
} from './common';

export function node(
  inputs: ReadinessInputs,
  settings: ReadinessSettings,
): NodeReadiness {
  const base = { ...procedure('node'), runbookUrl: settings.runbooks.node };
  if (inputs.clusters.state === 'absent') {
    return {
      ...base,
      status: 'unknown',
      summary: 'No cluster is configured',
      reasons: [
        'Add the homelab cluster under kubernetes.clusterLocatorMethods (as for the Kubernetes plugin) to see which workloads survive losing a node.',
      ],
      clusters: [],
      workloads: [],
    };
  }
  const { objects, errors } = inputs.clusters;
  const clusters = objects.map(nodeCounts);
  const workloads: WorkloadReadiness[] = objects.flatMap(o =>
    workloadRisks(o, settings).map(w => ({
      ...w,
      entityRef: entityOfWorkload(
        inputs.entities,
        podLabelsOf(o, w),
        w.namespace,
      ),
    })),
  );
  workloads.sort(
    (a, b) =>
      b.risks.length - a.risks.length ||
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name),
  );
  const reasons: string[] = [...errors];
  for (const c of clusters) {
    if (c.readyNodes < 2) {
      reasons.push(
        `${c.cluster} has ${c.readyNodes} Ready, schedulable node${
          c.readyNodes === 1 ? '' : 's'
        } of ${c.nodes}: losing one leaves ${
          c.readyNodes <= 1 ? 'nowhere' : 'one node'
        } to reschedule onto`,
      );
    }
  }
  const risky = workloads.filter(w => w.risks.length > 0);
  for (const w of risky.filter(x => x.risks.some(r => r !== 'no-pdb'))) {
    reasons.push(`${w.namespace}/${w.name}: ${w.details.join('; ')}`);
  }
  const noPdbOnly = risky.filter(w => w.risks.every(r => r === 'no-pdb'));
  if (noPdbOnly.length > 0) {
    reasons.push(
      `${noPdbOnly.length} workload${
        noPdbOnly.length === 1 ? ' has' : 's have'
      } no PodDisruptionBudget: a node drain may stop all their pods at once`,
    );
  }
  let status: ReadinessStatus = 'ready';
  if (objects.length === 0) status = 'unknown';
  else if (clusters.some(c => c.readyNodes < 2)) status = 'not-ready';
  else if (risky.length > 0) status = 'at-risk';
  if (errors.length > 0 && status === 'ready') status = 'unknown';
  return {
    ...base,
    status,
    summary:
      objects.length === 0
        ? 'No cluster answered'
        : `${risky.length} of ${
            workloads.length
          } workloads would not survive losing one node; ${clusters
            .map(c => `${c.readyNodes} of ${c.nodes} nodes Ready`)
            .join(', ')}`,
    reasons,
    clusters,
    workloads,
  };
}

export function entityNode(
  n: NodeReadiness,
  absent: boolean,
  mine: WorkloadReadiness[],
): EntityLine {
  if (absent) return { status: 'unknown', summary: n.summary };
  if (mine.length === 0) {
    return {
      status: 'unknown',
      summary: 'No workload of this entity found in the cluster',
    };
  }
  const risky = mine.filter(w => w.risks.length > 0);
  if (risky.length === 0) {
    return {
      status: 'ready',
      summary: `${mine.length} workload${
        mine.length === 1 ? '' : 's'
      }, each survives losing one node`,
    };
  }
  return {
    status: 'at-risk',
    summary: risky
      .map(w => `${w.kind} ${w.name}: ${w.details.join('; ')}`)
      .join(' | '),
  };
}
