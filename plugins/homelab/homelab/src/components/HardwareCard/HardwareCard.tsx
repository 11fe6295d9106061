import {
  InfoCard,
  StructuredMetadataTable,
  Table,
  TableColumn,
  Link,
} from '@backstage/core-components';
import {
  EntityRefLink,
  EntityRefLinks,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  CapacityFigure,
  NetworkInterface,
  RELATION_HOSTS,
  computeCapacity,
  isHardwareEntity,
  resolveRef,
  unsafeUrlReason,
} from '@homelab-portal/plugin-homelab-common';
import Typography from '@material-ui/core/Typography';
import { NodeWorkloads } from './NodeWorkloads';
import { StorageUsage } from './StorageUsage';

function formatFigure(value: number, unit: string) {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

function describe(figure: CapacityFigure, unit: string) {
  return `${formatFigure(figure.total, unit)} total, ${formatFigure(
    figure.reserved,
    unit,
  )} reserved, ${formatFigure(figure.available, unit)} available`;
}

/** Specs, VLAN attachments, hosted workloads and capacity of a device. */
export function HardwareCard() {
  const { entity } = useEntity();
  if (!isHardwareEntity(entity)) {
    return null;
  }
  const { hardware } = entity.spec;
  const hosted = getEntityRelations(entity, RELATION_HOSTS);
  const [capacity] = computeCapacity([entity]).nodes;
  const managementUrl =
    hardware.managementUrl && !unsafeUrlReason(hardware.managementUrl)
      ? hardware.managementUrl
      : undefined;

  const specs: Record<string, unknown> = {
    model: hardware.model,
    cpu: hardware.cpu,
    cores: hardware.cores,
    memory:
      hardware.memoryGiB !== undefined
        ? `${hardware.memoryGiB} GiB`
        : undefined,
    storage: (hardware.storage ?? []).map(
      disk =>
        `${disk.name}: ${disk.sizeGB} GB${disk.media ? ` ${disk.media}` : ''}`,
    ),
    location: hardware.location,
  };
  for (const key of Object.keys(specs)) {
    if (specs[key] === undefined) delete specs[key];
  }

  const columns: TableColumn<NetworkInterface>[] = [
    { title: 'Interface', field: 'name' },
    { title: 'MAC', field: 'mac' },
    {
      title: 'VLAN',
      render: nic => {
        const ref = resolveRef(nic.vlan, entity);
        return ref ? <EntityRefLink entityRef={ref} /> : nic.vlan;
      },
    },
    { title: 'Address', field: 'address' },
    { title: 'Speed', field: 'speed' },
  ];

  return (
    <InfoCard title="Hardware" subheader={entity.spec.type}>
      <StructuredMetadataTable metadata={specs} />
      {managementUrl && (
        <Typography variant="body2">
          Management: <Link to={managementUrl}>{managementUrl}</Link>
        </Typography>
      )}
      {(hardware.interfaces ?? []).length > 0 && (
        <Table<NetworkInterface>
          title="Network interfaces"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={hardware.interfaces ?? []}
        />
      )}
      {entity.spec.type === 'compute-node' && capacity && (
        <StructuredMetadataTable
          metadata={{
            'CPU cores': describe(capacity.cpuCores, 'cores'),
            memory: describe(capacity.memoryGiB, 'GiB'),
            'node storage': describe(capacity.storageGB, 'GB'),
          }}
        />
      )}
      {entity.spec.type === 'compute-node' ? (
        <NodeWorkloads entity={entity} />
      ) : (
        hosted.length > 0 && (
          <>
            <Typography variant="subtitle2">Hosted workloads</Typography>
            <EntityRefLinks entityRefs={hosted} defaultKind="component" />
          </>
        )
      )}
      {(entity.spec.type === 'nas' ||
        entity.metadata.annotations?.[
          'homelab-portal.io/filesystem-labels'
        ]) && <StorageUsage entity={entity} />}
    </InfoCard>
  );
}
