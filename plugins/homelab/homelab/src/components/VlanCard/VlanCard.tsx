import {
  InfoCard,
  StructuredMetadataTable,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  EntityRefLink,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  FirewallRule,
  RELATION_HAS_ATTACHED,
  isVlanEntity,
  resolveRef,
} from '@homelab-portal/plugin-homelab-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { VlanMembers } from './VlanMembers';

type Row = FirewallRule & { id: number };

/** A VLAN's addressing, its member devices and its firewall rules. */
export function VlanCard() {
  const { entity } = useEntity();
  if (!isVlanEntity(entity)) {
    return null;
  }
  const { vlan } = entity.spec;
  const members = getEntityRelations(entity, RELATION_HAS_ATTACHED);

  const columns: TableColumn<Row>[] = [
    { title: '#', field: 'id', width: '4em' },
    { title: 'Action', field: 'action' },
    {
      title: 'To',
      render: rule => {
        if (rule.to === 'internet' || rule.to === 'any') return rule.to;
        const ref = resolveRef(rule.to, entity);
        return ref ? <EntityRefLink entityRef={ref} /> : rule.to;
      },
    },
    { title: 'Protocol', render: rule => rule.protocol ?? 'any' },
    { title: 'Ports', render: rule => rule.ports?.join(', ') ?? 'all' },
    { title: 'Description', field: 'description' },
  ];

  return (
    <InfoCard title={`VLAN ${vlan.id}: ${vlan.name}`} subheader={vlan.purpose}>
      <StructuredMetadataTable
        metadata={{
          'VLAN id': vlan.id,
          subnet: vlan.subnet,
          gateway: vlan.gateway ?? 'none',
          'DHCP range': vlan.dhcpRange
            ? `${vlan.dhcpRange.start} to ${vlan.dhcpRange.end}`
            : 'none',
          routable: vlan.routable === false ? 'no' : 'yes',
        }}
      />
      <Typography variant="subtitle2">Member devices</Typography>
      {members.length > 0 ? (
        <VlanMembers vlan={entity} members={members} />
      ) : (
        <Typography variant="body2">
          None attached: a device joins this VLAN through an interface whose
          vlan names it (spec.hardware.interfaces).
        </Typography>
      )}
      <Box mt={2} style={{ overflowX: 'auto' }}>
        <Table<Row>
          title="Firewall rules (in order)"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={vlan.firewall.map((rule, index) => ({
            ...rule,
            id: index + 1,
          }))}
        />
      </Box>
    </InfoCard>
  );
}
