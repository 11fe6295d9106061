import {
  Content,
  DependencyGraph,
  DependencyGraphTypes,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { HARDWARE_TYPES } from '@homelab-portal/plugin-homelab-common';
import { makeStyles } from '@material-ui/core/styles';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { TopologyNode, buildTopology } from '../../topology/buildTopology';

const useStyles = makeStyles(theme => ({
  vlan: {
    fill: theme.palette.primary.main,
    stroke: theme.palette.primary.dark,
  },
  device: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.secondary,
  },
  internet: {
    fill: theme.palette.warning.light,
    stroke: theme.palette.warning.dark,
  },
  title: { fontSize: 13, fontWeight: 600 },
  subtitle: { fontSize: 11 },
  vlanText: { fill: theme.palette.primary.contrastText },
  deviceText: { fill: theme.palette.text.primary },
  clickable: { cursor: 'pointer' },
}));

const WIDTH = 200;
const HEIGHT = 48;

function TopologyNodeBox({ node }: { node: TopologyNode }) {
  const classes = useStyles();
  const navigate = useNavigate();
  const entityRoute = useRouteRef(entityRouteRef);
  const open = node.entityRef
    ? () => navigate(entityRoute(parseEntityRef(node.entityRef!)))
    : undefined;
  const text = node.type === 'vlan' ? classes.vlanText : classes.deviceText;
  return (
    <g
      className={open ? classes.clickable : undefined}
      onClick={open}
      role={open ? 'link' : undefined}
      aria-label={node.title}
      data-testid={`topology-node-${node.id}`}
    >
      <rect
        width={WIDTH}
        height={HEIGHT}
        rx={8}
        className={classes[node.type]}
      />
      <text
        x={WIDTH / 2}
        y={20}
        textAnchor="middle"
        className={`${classes.title} ${text}`}
      >
        {node.title}
      </text>
      {node.subtitle && (
        <text
          x={WIDTH / 2}
          y={38}
          textAnchor="middle"
          className={`${classes.subtitle} ${text}`}
        >
          {node.subtitle}
        </text>
      )}
    </g>
  );
}

/** VLANs, the devices on them and the flows their firewalls allow. */
export function NetworkTopologyPage() {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'resource', 'spec.type': ['vlan', ...HARDWARE_TYPES] },
    });
    return buildTopology(items);
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
        title="No VLANs or devices in the catalog"
        description="Describe the network as Resources of type vlan, compute-node, nas or network-switch."
      />
    );
  } else {
    content = (
      <DependencyGraph<TopologyNode, DependencyGraphTypes.DependencyEdge>
        nodes={value.nodes}
        edges={value.edges}
        direction={DependencyGraphTypes.Direction.TOP_BOTTOM}
        renderNode={({ node }) => <TopologyNodeBox node={node} />}
        nodeMargin={30}
        rankMargin={90}
        labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
        showArrowHeads
        zoom="enable-on-click"
        fit="contain"
      />
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Network topology"
        subtitle="VLANs, their devices, and the traffic each VLAN's firewall allows"
      />
      <Content>{content}</Content>
    </Page>
  );
}
