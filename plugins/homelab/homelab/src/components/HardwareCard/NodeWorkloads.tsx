import {
  LinearGauge,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
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
  KubePod,
  NodePlacement,
  RELATION_HOSTS,
  computePlacement,
  podService,
} from '@homelab-portal/plugin-homelab-common';
import {
  ClusterReading,
  ProxyNotAllowedError,
  cores,
  kubernetesClusterNames,
  memory,
  metricsWindow,
  readCluster,
} from '../placement/readCluster';
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

type Placement =
  | {
      mode: 'cluster';
      reading: ClusterReading;
      node: NodePlacement;
      /** Whether the cluster has a Node of this name. */
      nodeKnown: boolean;
      owners: Map<KubePod, Entity | undefined>;
    }
  | {
      mode: 'catalog';
      cluster?: Entity;
      /** Why the cluster's placement cannot be read. */
      reason: string;
    };

function podState(pod: KubePod): string {
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

function percent(part: number, whole: number) {
  return whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : '';
}

/** Requested and used CPU and memory against the node's allocatable. */
const NodeResources = ({
  node,
  reading,
}: {
  node: NodePlacement;
  reading: ClusterReading;
}) => {
  const { allocatable, requested, used } = node;
  const rows: Array<
    [
      string,
      number,
      number | undefined,
      number | undefined,
      (v: number) => string,
    ]
  > = [
    ['CPU', requested.cpuCores, used?.cpuCores, allocatable?.cpuCores, cores],
    [
      'Memory',
      requested.memoryBytes,
      used?.memoryBytes,
      allocatable?.memoryBytes,
      memory,
    ],
  ];
  const measured = node.pods.filter(p => p.usage).length;
  const partial =
    measured < node.pods.length
      ? ` by the ${measured} of ${node.pods.length} pods with metrics`
      : '';
  return (
    <Box mb={1} data-testid="node-resources">
      {node.cordoned && (
        <Typography variant="body2" color="textSecondary">
          Cordoned: its pods stay, but no new pod is scheduled here.
        </Typography>
      )}
      {!node.ready && (
        <Typography variant="body2" color="error">
          Not Ready in the cluster {reading.clusterName}.
        </Typography>
      )}
      {rows.map(([label, req, use, alloc, format]) => (
        <Box key={label} mt={0.5}>
          <Typography variant="body2">
            {label}: {format(req)} requested
            {alloc !== undefined
              ? ` of ${format(alloc)} allocatable${percent(req, alloc)}`
              : ' (allocatable not reported)'}
            ,{' '}
            {use !== undefined
              ? `${format(use)} used${partial}`
              : 'used: no data'}
          </Typography>
          {alloc !== undefined && alloc > 0 && (
            <LinearGauge value={Math.min(1, req / alloc)} />
          )}
        </Box>
      ))}
    </Box>
  );
};

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
    const known = await kubernetesClusterNames({ discoveryApi, fetchApi });
    if (!known.includes(clusterName)) {
      return {
        mode: 'catalog',
        cluster,
        reason: `The Kubernetes plugin has no cluster named ${clusterName} (kubernetes.clusterLocatorMethods), so which of its services run on this node is not known here.`,
      };
    }
    let reading: ClusterReading;
    try {
      reading = await readCluster({ discoveryApi, fetchApi }, clusterName, {
        nodeName,
      });
    } catch (error) {
      if (error instanceof ProxyNotAllowedError) {
        return { mode: 'catalog', cluster, reason: error.message };
      }
      throw error;
    }
    const namespaces = [
      ...new Set(reading.pods.map(p => p.metadata.namespace ?? '')),
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
    const nodeKnown = reading.nodes.length > 0;
    const [node] = computePlacement({
      // without the Node, its pods are still listed
      nodes: nodeKnown ? reading.nodes : [{ metadata: { name: nodeName } }],
      pods: reading.pods,
      metrics: reading.metrics,
    });
    const owners = new Map(
      reading.pods.map(pod => [pod, podService(pod, components)]),
    );
    return { mode: 'cluster', reading, node, nodeKnown, owners };
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
    const { reading, node, nodeKnown, owners } = placement.value;
    const { clusterName, at } = reading;
    const pods = node.pods;
    body = (
      <>
        {nodeKnown ? (
          <NodeResources node={node} reading={reading} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            The cluster {clusterName} has no node named {nodeName}: its
            allocatable CPU and memory are not known.
          </Typography>
        )}
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
                  <TableCell className={classes.nowrap} align="right">
                    CPU requested / used
                  </TableCell>
                  <TableCell className={classes.nowrap} align="right">
                    Memory requested / used
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {pods.map(({ pod, requests, usage }) => {
                  const owner = owners.get(pod);
                  return (
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
                      <TableCell className={classes.nowrap} align="right">
                        {cores(requests.cpuCores)} /{' '}
                        {usage ? cores(usage.cpuCores) : 'no data'}
                      </TableCell>
                      <TableCell className={classes.nowrap} align="right">
                        {memory(requests.memoryBytes)} /{' '}
                        {usage ? memory(usage.memoryBytes) : 'no data'}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
        <Typography variant="caption" color="textSecondary" component="p">
          {pods.length} {pods.length === 1 ? 'pod' : 'pods'}, read from the
          cluster {clusterName} through the Kubernetes plugin at{' '}
          {formatTime(at)}.{' '}
          {reading.metrics
            ? `Used: metrics.k8s.io, ${metricsWindow(reading.metrics)}.`
            : `Used: no data (${reading.metricsNote ?? 'no metrics'}).`}
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
