import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusOK,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  NodeLossRisk,
  NodePlacement,
  Resources,
  computePlacement,
  nodeLossRisks,
} from '@homelab-portal/plugin-homelab-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  ClusterReading,
  ProxyNotAllowedError,
  cores,
  kubernetesClusterNames,
  memory,
  metricsWindow,
  readCluster,
} from '../placement/readCluster';

type ClusterView =
  | {
      cluster: Entity;
      reading: ClusterReading;
      placement: NodePlacement[];
      risks: NodeLossRisk[];
    }
  | { cluster: Entity; reason: string };

const both = (r: Resources) =>
  `${cores(r.cpuCores)} and ${memory(r.memoryBytes)}`;

function amounts(
  node: NodePlacement,
  requested: number,
  used: number | undefined,
  allocatable: number | undefined,
  format: (v: number) => string,
) {
  const measured = node.pods.filter(p => p.usage).length;
  const partial =
    measured < node.pods.length
      ? ` (${measured} of ${node.pods.length} pods measured)`
      : '';
  const share =
    allocatable && allocatable > 0
      ? ` (${Math.round((requested / allocatable) * 100)}%)`
      : '';
  return (
    <>
      <div>
        {format(requested)} requested{share}
      </div>
      <Typography variant="caption" color="textSecondary">
        {used !== undefined
          ? `${format(used)} used${partial}`
          : 'used: no data'}
        {' · '}
        {allocatable !== undefined
          ? `${format(allocatable)} allocatable`
          : 'allocatable not reported'}
      </Typography>
    </>
  );
}

function NodeName({ name, nodes }: { name: string; nodes: Entity[] }) {
  const entity = nodes.find(n => n.metadata.name === name);
  return entity ? <EntityRefLink entityRef={entity} /> : <>{name}</>;
}

function Risk({ risk, nodes }: { risk: NodeLossRisk; nodes: Entity[] }) {
  const over = [
    risk.cpuOvercommitted && 'CPU',
    risk.memoryOvercommitted && 'memory',
  ].filter(Boolean);
  const lost = <NodeName name={risk.node} nodes={nodes} />;
  if (risk.moving.cpuCores === 0 && risk.moving.memoryBytes === 0) {
    return <StatusOK>Losing {lost} moves no pods.</StatusOK>;
  }
  const left =
    risk.others.length > 0
      ? `the Ready, uncordoned nodes left (${risk.others.join(
          ', ',
        )}) have ${both(risk.free)} free`
      : 'no other node is Ready and uncordoned to take them';
  const sentence = `its pods request ${both(risk.moving)}; ${left}.`;
  return over.length > 0 ? (
    <StatusWarning>
      Losing {lost} would overcommit the rest ({over.join(' and ')}): {sentence}
    </StatusWarning>
  ) : (
    <StatusOK>
      Losing {lost} leaves room: {sentence}
    </StatusOK>
  );
}

/**
 * The cluster as scheduled: each node's requested and used CPU and memory
 * against its allocatable, and whether losing one node would overcommit
 * the others, read through the Kubernetes plugin's clusters.
 */
export function LivePlacement({
  clusters,
  nodes,
}: {
  clusters: Entity[];
  nodes: Entity[];
}) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { value, loading, error } = useAsync(async (): Promise<
    ClusterView[]
  > => {
    const known = await kubernetesClusterNames({ discoveryApi, fetchApi });
    return Promise.all(
      clusters.map(async (cluster): Promise<ClusterView> => {
        const name = cluster.metadata.name;
        if (!known.includes(name)) {
          return {
            cluster,
            reason: `The Kubernetes plugin has no cluster named ${name} (kubernetes.clusterLocatorMethods), so what it has scheduled is not known here; the tables below are the catalog's model.`,
          };
        }
        try {
          const reading = await readCluster({ discoveryApi, fetchApi }, name);
          const placement = computePlacement(reading);
          return {
            cluster,
            reading,
            placement,
            risks: nodeLossRisks(placement),
          };
        } catch (e) {
          if (e instanceof ProxyNotAllowedError) {
            return { cluster, reason: e.message };
          }
          throw e;
        }
      }),
    );
  }, [clusters.map(c => stringifyEntityRef(c)).join(',')]);

  if (loading) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="The cluster's placement was not read"
      />
    );
  }
  if (!value || value.length === 0) {
    return (
      <InfoCard title="Live placement">
        <Typography variant="body2" color="textSecondary">
          No kubernetes-cluster Resource in the catalog, so there is no cluster
          to read placement from. Describe the cluster as a Resource of type
          kubernetes-cluster named like its entry in
          kubernetes.clusterLocatorMethods.
        </Typography>
      </InfoCard>
    );
  }

  const columns: TableColumn<NodePlacement>[] = [
    {
      title: 'Node',
      render: node => <NodeName name={node.name} nodes={nodes} />,
    },
    {
      title: 'State',
      render: node =>
        [node.ready ? 'Ready' : 'Not Ready', node.cordoned && 'cordoned']
          .filter(Boolean)
          .join(', '),
    },
    { title: 'Pods', render: node => node.pods.length },
    {
      title: 'CPU',
      render: node =>
        amounts(
          node,
          node.requested.cpuCores,
          node.used?.cpuCores,
          node.allocatable?.cpuCores,
          cores,
        ),
    },
    {
      title: 'Memory',
      render: node =>
        amounts(
          node,
          node.requested.memoryBytes,
          node.used?.memoryBytes,
          node.allocatable?.memoryBytes,
          memory,
        ),
    },
  ];

  return (
    <Grid container spacing={3}>
      {value.map(view => (
        <Grid item xs={12} key={stringifyEntityRef(view.cluster)}>
          {'reason' in view ? (
            <InfoCard
              title={
                <>
                  Live placement: <EntityRefLink entityRef={view.cluster} />
                </>
              }
            >
              <Typography variant="body2" color="textSecondary">
                {view.reason}
              </Typography>
            </InfoCard>
          ) : (
            <InfoCard
              title={
                <>
                  Live placement: <EntityRefLink entityRef={view.cluster} />
                </>
              }
              subheader={`Requests and allocatable from the API server, read at ${view.reading.at.toLocaleTimeString(
                'en-GB',
                { hour: '2-digit', minute: '2-digit' },
              )}; used from ${
                view.reading.metrics
                  ? `metrics.k8s.io, ${metricsWindow(view.reading.metrics)}`
                  : `nowhere: ${view.reading.metricsNote ?? 'no metrics'}`
              }.`}
            >
              <Box mb={2} data-testid="node-loss">
                <Typography variant="subtitle2">If one node is lost</Typography>
                {view.risks.length === 0 ? (
                  <Typography variant="body2" color="textSecondary">
                    The cluster reports no nodes.
                  </Typography>
                ) : (
                  view.risks.map(risk => (
                    <div key={risk.node}>
                      <Risk risk={risk} nodes={nodes} />
                    </div>
                  ))
                )}
                <Typography variant="caption" color="textSecondary">
                  Sum of the lost node's pod requests (DaemonSets' pods stay
                  behind) against the free allocatable of the others; a large
                  pod may still find no single node with room.
                </Typography>
              </Box>
              <Table<NodePlacement>
                title="Requested and used, per node"
                options={{ paging: false, search: false, padding: 'dense' }}
                columns={columns}
                data={view.placement}
              />
            </InfoCard>
          )}
        </Grid>
      ))}
    </Grid>
  );
}
