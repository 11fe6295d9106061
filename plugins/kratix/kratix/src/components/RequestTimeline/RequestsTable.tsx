import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { kratixRequestsRouteRef } from '../../routes';
import { StateChip } from './RequestTimeline';
import { KratixStatusView, formatDuration } from './KratixStatusView';

/** Requests, newest first, each linking to its timeline. */
export const RequestsTable = ({
  requests,
  label,
}: {
  requests: KratixRequest[];
  label: string;
}) => {
  const base = useRouteRef(kratixRequestsRouteRef)();
  if (requests.length === 0) {
    return (
      <Typography variant="body2">
        No requests yet. To ask for a platform service, open{' '}
        <Link to="/create?filters[tags]=kratix">Create</Link> and choose one of
        the Kratix templates: each request shows here from its pull request
        until the service is Ready.
      </Typography>
    );
  }
  return (
    // narrow windows scroll the table rather than cut its last columns
    <div style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Request</TableCell>
            <TableCell>Promise</TableCell>
            <TableCell>Requested by</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Waiting for / reason</TableCell>
            <TableCell>Updated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {requests.map(r => (
            <TableRow key={r.id}>
              <TableCell>
                <Link to={`${base}/${r.id}`}>
                  {r.kind} {r.name}
                </Link>
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={r.promiseEntityRef} />
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={r.requester} />
              </TableCell>
              <TableCell>
                <StateChip state={r.state} request={r} />
              </TableCell>
              <TableCell style={{ minWidth: 220 }}>
                {r.kratix && (r.state === 'synced' || r.state === 'failed') ? (
                  <KratixStatusView status={r.kratix} compact />
                ) : (
                  r.reason ?? ''
                )}
              </TableCell>
              <TableCell>
                {new Date(r.updatedAt).toLocaleString()}
                {r.state === 'ready' ||
                r.state === 'failed' ||
                r.state === 'closed' ? null : (
                  <Typography variant="caption" display="block">
                    open for{' '}
                    {formatDuration(Date.now() - Date.parse(r.createdAt))}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
