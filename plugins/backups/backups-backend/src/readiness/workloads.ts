import {
  NodeRisk,
  WorkloadReadiness,
} from '@homelab-portal/plugin-backups-common';
import { ClusterObjects, KubeObject } from './ClusterReader';

const HOSTNAME = 'kubernetes.io/hostname';

type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
};

/**
 * Whether labels match a LabelSelector (matchLabels and matchExpressions
 * with In, NotIn, Exists, DoesNotExist). An empty selector matches
 * everything, as in a PodDisruptionBudget (policy/v1).
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return false;
  const exact = Object.entries(selector.matchLabels ?? {}).every(
    ([k, v]) => labels[k] === v,
  );
  const expressions = (selector.matchExpressions ?? []).every(e => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
  return exact && expressions;
}

/** The one node a pod template is pinned to, if it is pinned to one. */
// any: a pod spec of any workload kind, read with optional chaining
function pinnedNode(podSpec: any): string | undefined {
  if (typeof podSpec?.nodeName === 'string' && podSpec.nodeName) {
    return podSpec.nodeName;
  }
  const bySelector = podSpec?.nodeSelector?.[HOSTNAME];
  if (typeof bySelector === 'string') return bySelector;
  // any: node selector terms from the object, read with optional chaining
  const terms: any[] =
    podSpec?.affinity?.nodeAffinity
      ?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return undefined;
  // terms are ORed: pinned only if every term allows one and the same host
  const hosts = terms.map(term => {
    const e = (term.matchExpressions ?? []).find(
      (x: { key?: string; operator?: string }) =>
        x.key === HOSTNAME && x.operator === 'In',
    );
    return e?.values?.length === 1 ? String(e.values[0]) : undefined;
  });
  return hosts.every(h => h && h === hosts[0]) ? hosts[0] : undefined;
}

/** The node a PersistentVolume lives on, if it is local to one. */
function localNodeOfVolume(pv: KubeObject): string | null | undefined {
  // any: node selector terms from the volume, read with optional chaining
  const terms: any[] = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  const host = terms
    .flatMap(t => t.matchExpressions ?? [])
    .find(
      (e: { key?: string; values?: string[] }) =>
        e.key === HOSTNAME && e.values?.length === 1,
    )?.values?.[0];
  if (pv.spec?.local || pv.spec?.hostPath) return host ?? null;
  if (host) return host;
  return undefined;
}

/**
 * Whether each Deployment and StatefulSet would survive the loss of one
 * node: more than one replica, no data on a node-local volume (hostPath, a
 * local PersistentVolume, a volume pinned to a host, or a claim of a local
 * StorageClass not yet bound), a PodDisruptionBudget that selects its pods
 * (so a drain keeps some running), and not pinned to one node.
 */
export function workloadRisks(
  objects: ClusterObjects,
  options: { ignoreNamespaces: string[]; localStorageClasses: string[] },
): WorkloadReadiness[] {
  const pvcs = new Map(
    objects.persistentVolumeClaims.map(c => [
      `${c.metadata.namespace}/${c.metadata.name}`,
      c,
    ]),
  );
  const pvs = new Map(objects.persistentVolumes.map(v => [v.metadata.name, v]));
  const workloads = [
    ...objects.deployments.map(o => ({ kind: 'Deployment' as const, o })),
    ...objects.statefulSets.map(o => ({ kind: 'StatefulSet' as const, o })),
  ].filter(
    ({ o }) => !options.ignoreNamespaces.includes(o.metadata.namespace ?? ''),
  );
  return workloads.map(({ kind, o }) => {
    const namespace = o.metadata.namespace ?? 'default';
    const replicas = typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
    const podSpec = o.spec?.template?.spec ?? {};
    const podLabels: Record<string, string> =
      o.spec?.template?.metadata?.labels ?? {};
    const risks: NodeRisk[] = [];
    const details: string[] = [];

    if (replicas < 2) {
      risks.push('single-replica');
      details.push(
        replicas === 0
          ? 'scaled to 0 replicas'
          : 'one replica: its pods stop while they are rescheduled',
      );
    }

    const local: string[] = [];
    const claimOnNode = (claimName: string) => {
      const claim = pvcs.get(`${namespace}/${claimName}`);
      const pv = claim?.spec?.volumeName
        ? pvs.get(claim.spec.volumeName)
        : undefined;
      const node = pv ? localNodeOfVolume(pv) : undefined;
      if (node !== undefined) {
        local.push(
          `claim ${claimName} is on a local volume${node ? ` on ${node}` : ''}`,
        );
        return;
      }
      const storageClass = claim?.spec?.storageClassName;
      if (
        !pv &&
        storageClass &&
        options.localStorageClasses.includes(storageClass)
      ) {
        local.push(
          `claim ${claimName} uses the node-local storage class ${storageClass}`,
        );
      }
    };
    for (const volume of podSpec.volumes ?? []) {
      if (volume.hostPath) {
        local.push(
          `volume ${volume.name} is a hostPath (${volume.hostPath.path})`,
        );
      }
      if (volume.persistentVolumeClaim?.claimName) {
        claimOnNode(volume.persistentVolumeClaim.claimName);
      }
    }
    if (kind === 'StatefulSet') {
      for (const template of o.spec?.volumeClaimTemplates ?? []) {
        const name = template.metadata?.name;
        if (!name) continue;
        let found = false;
        for (let i = 0; i < Math.max(1, replicas); i++) {
          const claimName = `${name}-${o.metadata.name}-${i}`;
          if (pvcs.has(`${namespace}/${claimName}`)) {
            found = true;
            claimOnNode(claimName);
          }
        }
        const storageClass = template.spec?.storageClassName;
        if (
          !found &&
          storageClass &&
          options.localStorageClasses.includes(storageClass)
        ) {
          local.push(
            `claim template ${name} uses the node-local storage class ${storageClass}`,
          );
        }
      }
    }
    if (local.length > 0) {
      risks.push('local-volume');
      details.push(...[...new Set(local)]);
    }

    const pdb = objects.podDisruptionBudgets.find(
      b =>
        (b.metadata.namespace ?? 'default') === namespace &&
        selectorMatches(b.spec?.selector, podLabels),
    );
    if (!pdb) {
      risks.push('no-pdb');
      details.push('no PodDisruptionBudget selects its pods');
    }

    const node = pinnedNode(podSpec);
    if (node) {
      risks.push('pinned');
      details.push(`pinned to node ${node}`);
    }

    return {
      cluster: objects.cluster,
      namespace,
      kind,
      name: o.metadata.name,
      replicas,
      risks,
      details,
    };
  });
}

/** Nodes that take pods: Ready and not cordoned. */
export function nodeCounts(objects: ClusterObjects) {
  const ready = objects.nodes.filter(n =>
    (n.status?.conditions ?? []).some(
      (c: { type?: string; status?: string }) =>
        c.type === 'Ready' && c.status === 'True',
    ),
  );
  return {
    cluster: objects.cluster,
    nodes: objects.nodes.length,
    readyNodes: ready.filter(n => !n.spec?.unschedulable).length,
  };
}

/** The labels of a workload's pods, for matching it to catalog entities. */
export function podLabelsOf(
  objects: ClusterObjects,
  workload: WorkloadReadiness,
): Record<string, string> {
  const list =
    workload.kind === 'Deployment' ? objects.deployments : objects.statefulSets;
  const o = list.find(
    x =>
      x.metadata.name === workload.name &&
      (x.metadata.namespace ?? 'default') === workload.namespace,
  );
  return {
    ...(o?.metadata.labels ?? {}),
    ...(o?.spec?.template?.metadata?.labels ?? {}),
  };
}
