import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  isHardwareEntity,
  resolveRef,
} from '@homelab-portal/plugin-homelab-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
  scroll: { overflowX: 'auto' },
});

export type MemberRow = {
  ref: string;
  entity?: Entity;
  interfaceName?: string;
  address?: string;
  mac?: string;
  hostname?: string;
};

/** IPv4 addresses in numeric order; rows with none last. */
function addressKey(address?: string): number {
  if (!address) return Number.MAX_SAFE_INTEGER;
  const parts = address.split('/')[0].split('.').map(Number);
  if (parts.length !== 4 || parts.some(n => !Number.isInteger(n))) {
    return Number.MAX_SAFE_INTEGER - 1;
  }
  return parts.reduce((sum, n) => sum * 256 + n, 0);
}

/**
 * Each member's interfaces on this VLAN, with their addresses: one row per
 * interface, so that a device with two interfaces on it shows both.
 */
export function memberRows(
  vlan: Entity,
  refs: string[],
  members: Array<Entity | undefined>,
): MemberRow[] {
  const vlanRef = stringifyEntityRef(vlan);
  const rows = refs.flatMap((ref, i): MemberRow[] => {
    const entity = members[i];
    if (!entity || !isHardwareEntity(entity)) return [{ ref, entity }];
    const nics = (entity.spec.hardware.interfaces ?? []).filter(
      nic => resolveRef(nic.vlan, entity) === vlanRef,
    );
    if (nics.length === 0) return [{ ref, entity }];
    return nics.map(nic => ({
      ref,
      entity,
      interfaceName: nic.name,
      address: nic.address,
      mac: nic.mac,
      hostname: nic.hostname,
    }));
  });
  return rows.sort(
    (a, b) =>
      addressKey(a.address) - addressKey(b.address) ||
      a.ref.localeCompare(b.ref, 'en-US'),
  );
}

/** A VLAN's member devices with their address, interface and MAC on it. */
export const VlanMembers = ({
  vlan,
  members,
}: {
  vlan: Entity;
  members: CompoundEntityRef[];
}) => {
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const refs = members.map(ref => stringifyEntityRef(ref));
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntitiesByRefs({ entityRefs: refs });
    return memberRows(vlan, refs, items);
  }, [refs.join(','), stringifyEntityRef(vlan)]);

  if (loading) return <Progress />;
  if (error) {
    return <ResponseErrorPanel error={error} title="Members not read" />;
  }
  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label="Member devices">
        <TableHead>
          <TableRow>
            <TableCell>Device</TableCell>
            <TableCell className={classes.nowrap}>Address</TableCell>
            <TableCell>Interface</TableCell>
            <TableCell>MAC</TableCell>
            <TableCell>Hostname</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(value ?? []).map(row => (
            <TableRow key={`${row.ref}:${row.interfaceName ?? ''}`}>
              <TableCell className={classes.nowrap}>
                <EntityRefLink
                  entityRef={row.entity ?? row.ref}
                  defaultKind="resource"
                />
              </TableCell>
              <TableCell className={classes.nowrap}>
                {row.address ?? (
                  <Typography variant="body2" color="textSecondary">
                    {row.entity ? 'no address recorded' : 'not in the catalog'}
                  </Typography>
                )}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {row.interfaceName ?? ''}
              </TableCell>
              <TableCell className={classes.nowrap}>{row.mac ?? ''}</TableCell>
              <TableCell className={classes.nowrap}>
                {row.hostname ?? ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
