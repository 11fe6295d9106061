import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { cyberneticsRouteRef } from '../../routes';
import { DemoChip, RiskChip, StateChip } from '../DecisionView';

/** Decisions, newest first, each linking to its timeline. */
export const DecisionsTable = ({
  decisions,
  label,
}: {
  decisions: Decision[];
  label: string;
}) => {
  const base = useRouteRef(cyberneticsRouteRef)();
  if (decisions.length === 0) {
    return <Typography variant="body2">No decisions here.</Typography>;
  }
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Decision</TableCell>
          <TableCell>Entity</TableCell>
          <TableCell>Proposed action</TableCell>
          <TableCell>Risk</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Since</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {decisions.map(d => (
          <TableRow key={d.id}>
            <TableCell>
              <Link to={`${base}/decisions/${d.id}`}>{d.title}</Link>{' '}
              <DemoChip source={d.source} />
            </TableCell>
            <TableCell>
              <EntityRefLink entityRef={d.entityRef} />
            </TableCell>
            <TableCell>{d.action.title}</TableCell>
            <TableCell>
              <RiskChip risk={d.risk} />
            </TableCell>
            <TableCell>
              <StateChip state={d.state} />
            </TableCell>
            <TableCell>{new Date(d.createdAt).toLocaleString()}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
