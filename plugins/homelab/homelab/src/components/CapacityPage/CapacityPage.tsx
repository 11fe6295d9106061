import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Capacity,
  CapacityFigure,
  computeCapacity,
} from '@homelab-portal/plugin-homelab-common';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { LivePlacement } from './LivePlacement';

type Row = { id: string; resource: string; unit: string } & CapacityFigure;

function rows(capacity: Capacity): Row[] {
  return [
    { id: 'cpu', resource: 'CPU', unit: 'cores', ...capacity.cpuCores },
    { id: 'memory', resource: 'Memory', unit: 'GiB', ...capacity.memoryGiB },
    { id: 'storage', resource: 'Storage', unit: 'GB', ...capacity.storageGB },
  ];
}

const show = (value: number, unit: string) =>
  `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;

const columns: TableColumn<Row>[] = [
  { title: 'Resource', field: 'resource' },
  { title: 'Total', render: row => show(row.total, row.unit) },
  { title: 'Reserved', render: row => show(row.reserved, row.unit) },
  { title: 'Available', render: row => show(row.available, row.unit) },
];

/** The seed's Scaling Model table, computed from the compute nodes in the catalog. */
export function CapacityPage() {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'resource',
        'spec.type': ['compute-node', 'kubernetes-cluster'],
      },
    });
    const nodes = items.filter(e => e.spec?.type === 'compute-node');
    return {
      ...computeCapacity(nodes),
      nodeEntities: nodes,
      clusters: items.filter(e => e.spec?.type === 'kubernetes-cluster'),
    };
  }, [catalogApi]);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.nodes.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No compute nodes in the catalog"
        description="Describe each node as a Resource of type compute-node with spec.hardware and spec.capacity."
      />
    );
  } else {
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Table<Row>
            title={`Current capacity (${value.nodes.length} nodes)`}
            subtitle="The seed's model: each node's cores, memory and disks less what the catalog reserves"
            options={{ paging: false, search: false }}
            columns={columns}
            data={rows(value.total)}
          />
        </Grid>
        <Grid item xs={12}>
          <LivePlacement clusters={value.clusters} nodes={value.nodeEntities} />
        </Grid>
        {value.nodes.map(node => (
          <Grid item xs={12} md={6} lg={4} key={node.entityRef}>
            <Table<Row>
              title={
                <EntityRefLink entityRef={node.entityRef} title={node.title} />
              }
              options={{ paging: false, search: false, padding: 'dense' }}
              columns={columns}
              data={rows(node)}
            />
          </Grid>
        ))}
      </Grid>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Capacity"
        subtitle="The catalog's model (total, reserved, available) beside what the cluster has scheduled"
      />
      <Content>{content}</Content>
    </Page>
  );
}
