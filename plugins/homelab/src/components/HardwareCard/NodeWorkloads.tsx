import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  Entity,
  RELATION_DEPENDENCY_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  EntityRefLinks,
  catalogApiRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import {
  ECOSYSTEM_ANNOTATIONS,
  RELATION_HOSTS,
} from '@homelab-portal/plugin-homelab-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

const useStyles = makeStyles(theme => ({
  nowrap: { whiteSpace: 'nowrap' },
  namespace: { display: 'block', color: theme.palette.text.secondary },
  scroll: { overflowX: 'auto' },
}));

/** The part of a Pod this card reads. */
export type PodSummary = {
  metadata: { name: string; namespace?: string };
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    containerStatuses?: Array<{
      ready?: boolean;
      restartCount?: number;
      state?: { waiting?: { reason?: string } };
    }>;
  };
};

type Placement =
  | {
      mode: 'cluster';
      clusterName: string;
      at: Date;
      pods: Array<{ pod: PodSummary; owner?: Entity }>;
    }
  | {
      mode: 'catalog';
      cluster?: Entity;
      /** Why the cluster's placement cannot be read. */
      reason: string;
    };

/**
 * The catalog component a pod belongs to: the one in its namespace whose
 * kubernetes-id is the longest prefix of the pod's name.
 */
export function podOwner(
  pod: PodSummary,
  components: Entity[],
): Entity | undefined {
  let best: { entity: Entity; length: number } | undefined;
  for (const entity of components) {
    const annotations = entity.metadata.annotations ?? {};
    if (
      annotations[ECOSYSTEM_ANNOTATIONS.kubernetesNamespace] !==
      pod.metadata.namespace
    ) {
      continue;
    }
    const id = annotations[ECOSYSTEM_ANNOTATIONS.kubernetesId] ?? '';
    const name = pod.metadata.name;
    if (id && name !== id && !name.startsWith(`${id}-`)) continue;
    if (!best || id.length > best.length) {
      best = { entity, length: id.length };
    }
  }
  return best?.entity;
}

function podState(pod: PodSummary): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const waiting = statuses.find(s => s.state?.waiting?.reason);
  const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  const state =
    waiting?.state?.waiting?.reason ?? pod.status?.phase ?? 'Unknown';
  return restarts > 0 ? `${state}, ${restarts} restarts` : state;
}

function formatTime(date: Date): string {
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * What runs on a compute node: its pods, read through the Kubernetes
 * plugin's proxy where the node's cluster is configured; otherwise the
 * catalog's relations, and what to configure to see placement.
 */
export const NodeWorkloads = ({ entity }: { entity: Entity }) => {
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const nodeName = entity.metadata.name;
  const direct = getEntityRelations(entity, RELATION_HOSTS);
  const clusterRef = getEntityRelations(entity, RELATION_DEPENDENCY_OF, {
    kind: 'resource',
  })[0];

  const placement = useAsync(async (): Promise<Placement> => {
    const cluster = clusterRef
      ? await catalogApi.getEntityByRef(clusterRef)
      : undefined;
    if (!cluster || cluster.spec?.type !== 'kubernetes-cluster') {
      return {
        mode: 'catalog',
        reason: 'This node is in no Kubernetes cluster of the catalog.',
      };
    }
    const clusterName = cluster.metadata.name;
    const base = await discoveryApi.getBaseUrl('kubernetes');
    const clusters = await fetchApi.fetch(`${base}/clusters`);
    const known: Array<{ name: string }> = clusters.ok
      ? (await clusters.json()).items ?? []
      : [];
    if (!known.some(c => c.name === clusterName)) {
      return {
        mode: 'catalog',
        cluster,
        reason: `The Kubernetes plugin has no cluster named ${clusterName} (kubernetes.clusterLocatorMethods), so which of its services run on this node is not known here.`,
      };
    }
    const query = new URLSearchParams({
      fieldSelector: `spec.nodeName=${nodeName}`,
    });
    const response = await fetchApi.fetch(
      `${base}/proxy/api/v1/pods?${query}`,
      { headers: { 'Backstage-Kubernetes-Cluster': clusterName } },
    );
    if (response.status === 403) {
      return {
        mode: 'catalog',
        cluster,
        reason:
          'Reading pods through the Kubernetes plugin needs the kubernetes.proxy permission, which you do not have.',
      };
    }
    if (!response.ok) {
      const text = await response.text();
      let message = text.slice(0, 300);
      try {
        message = JSON.parse(text).error?.message ?? message;
      } catch {
        // not JSON: the text as it came
      }
      throw new Error(
        `The Kubernetes plugin answered ${response.status} for the cluster ${clusterName}: ${message}`,
      );
    }
    const body = (await response.json()) as { items?: PodSummary[] };
    const namespaces = [
      ...new Set((body.items ?? []).map(p => p.metadata.namespace ?? '')),
    ];
    const { items: components } =
      namespaces.length > 0
        ? await catalogApi.getEntities({
            filter: {
              kind: 'component',
              [`metadata.annotations.${ECOSYSTEM_ANNOTATIONS.kubernetesNamespace}`]:
                namespaces,
            },
          })
        : { items: [] };
    const pods = (body.items ?? [])
      // the API server filters by node; a proxy or an older server may not
      .filter(pod => pod.spec?.nodeName === nodeName)
      .map(pod => ({ pod, owner: podOwner(pod, components) }))
      .sort((a, b) =>
        `${a.pod.metadata.namespace}/${a.pod.metadata.name}`.localeCompare(
          `${b.pod.metadata.namespace}/${b.pod.metadata.name}`,
          'en-US',
        ),
      );
    return { mode: 'cluster', clusterName, at: new Date(), pods };
  }, [clusterRef && stringifyEntityRef(clusterRef), nodeName]);

  let body;
  if (placement.loading) {
    body = <Progress />;
  } else if (placement.error) {
    body = (
      <ResponseErrorPanel
        error={placement.error}
        title="Pods on this node not read from Kubernetes"
      />
    );
  } else if (placement.value?.mode === 'cluster') {
    const { pods, clusterName, at } = placement.value;
    body = (
      <>
        {pods.length === 0 ? (
          <Typography variant="body2">
            No pods run on this node in the cluster {clusterName}.
          </Typography>
        ) : (
          <div className={classes.scroll}>
            <Table size="small" aria-label="Pods on this node">
              <TableHead>
                <TableRow>
                  <TableCell>Service</TableCell>
                  <TableCell>Namespace and pod</TableCell>
                  <TableCell className={classes.nowrap}>State</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {pods.map(({ pod, owner }) => (
                  <TableRow
                    key={`${pod.metadata.namespace}/${pod.metadata.name}`}
                  >
                    <TableCell>
                      {owner ? (
                        <EntityRefLink entityRef={owner} />
                      ) : (
                        <Typography variant="body2" color="textSecondary">
                          not in the catalog
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      <Typography
                        variant="caption"
                        className={classes.namespace}
                      >
                        {pod.metadata.namespace}/
                      </Typography>
                      {pod.metadata.name}
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      {podState(pod)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Typography variant="caption" color="textSecondary" component="p">
          {pods.length} {pods.length === 1 ? 'pod' : 'pods'}, read from the
          cluster {clusterName} through the Kubernetes plugin at{' '}
          {formatTime(at)}.
        </Typography>
      </>
    );
  } else if (placement.value) {
    const { cluster, reason } = placement.value;
    const onCluster = cluster
      ? getEntityRelations(cluster, RELATION_HOSTS)
      : [];
    body = (
      <>
        {cluster && (
          <Typography variant="body2" data-testid="node-workloads-cluster">
            Runs on the cluster{' '}
            <EntityRefLink entityRef={cluster} defaultKind="resource" />: its{' '}
            {onCluster.length}{' '}
            {onCluster.length === 1 ? 'service runs' : 'services run'} on the
            cluster as a whole, placed on its nodes by Kubernetes.
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary">
          {reason} Configure kubernetes to see placement.
        </Typography>
        {onCluster.length > 0 && (
          <Box mt={1}>
            <Typography variant="caption" color="textSecondary">
              Services on the cluster
            </Typography>
            <div>
              <EntityRefLinks entityRefs={onCluster} defaultKind="component" />
            </div>
          </Box>
        )}
      </>
    );
  }

  return (
    <Box mt={2} data-testid="node-workloads">
      <Typography variant="subtitle2">Hosted workloads</Typography>
      {direct.length > 0 && (
        <Typography variant="body2">
          Pinned to this node in the catalog:{' '}
          <EntityRefLinks entityRefs={direct} defaultKind="component" />
        </Typography>
      )}
      {body}
    </Box>
  );
};
