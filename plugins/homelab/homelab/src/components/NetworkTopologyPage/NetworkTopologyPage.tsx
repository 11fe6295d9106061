import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { HARDWARE_TYPES } from '@homelab-portal/plugin-homelab-common';
import useAsync from 'react-use/esm/useAsync';
import { layoutNetwork } from '../../topology/layoutNetwork';
import { NetworkDiagram, NetworkLegend } from './NetworkDiagram';

/** VLANs with their devices, the switch's ports and the flows the firewalls allow. */
export function NetworkTopologyPage() {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'resource', 'spec.type': ['vlan', ...HARDWARE_TYPES] },
    });
    return layoutNetwork(items);
  }, [catalogApi]);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (
    !value ||
    (value.regions.length <= 1 && value.switches.length === 0)
  ) {
    content = (
      <EmptyState
        missing="data"
        title="No VLANs or devices in the catalog"
        description="Describe the network as Resources of type vlan, compute-node, nas or network-switch (see catalog/network.yaml and catalog/hardware.yaml), then open this page again."
      />
    );
  } else {
    content = (
      <>
        <NetworkDiagram layout={value} />
        <NetworkLegend layout={value} />
      </>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Network topology"
        subtitle="VLANs and their devices, the switch's ports, and the traffic each VLAN's firewall allows"
      />
      <Content>{content}</Content>
    </Page>
  );
}
