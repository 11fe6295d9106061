import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Theme,
  Typography,
  useMediaQuery,
} from '@material-ui/core';
import { cyberneticsRouteRef } from '../../routes';
import { DemoChip, RiskChip, StateChip } from '../DecisionView';

/** "5 min ago", "3 h ago", "2 days ago", from an ISO time. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} days ago`;
}

/**
 * Text with a line-break opportunity after each slash, so that a path such
 * as platform/certificates/keycloak/keycloak-tls.yaml wraps between its
 * parts instead of widening the table past its card.
 */
export function BreakablePath({ text }: { text: string }) {
  const parts = text.split('/');
  return (
    <>
      {parts.map((part, i) => (
        // the parts of one string, in order: the index is their identity
        // eslint-disable-next-line react/no-array-index-key
        <span key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}

/**
 * Decisions, newest first, each linking to its timeline. State and risk
 * share a column; on a narrow window the time moves under the title, so
 * that the table fits its card without scrolling sideways.
 */
export const DecisionsTable = ({
  decisions,
  label,
}: {
  decisions: Decision[];
  label: string;
}) => {
  const base = useRouteRef(cyberneticsRouteRef)();
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('lg'), {
    noSsr: true,
  });
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
          <TableCell>State</TableCell>
          {wide && <TableCell>Since</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {decisions.map(d => {
          const when = (
            <span title={new Date(d.createdAt).toLocaleString()}>
              {ago(d.createdAt)}
            </span>
          );
          return (
            <TableRow key={d.id}>
              <TableCell>
                <Link to={`${base}/decisions/${d.id}`}>{d.title}</Link>
                <Box
                  display="flex"
                  flexWrap="wrap"
                  alignItems="center"
                  mt={0.5}
                  style={{ gap: 8 }}
                >
                  <DemoChip source={d.source} />
                  {!wide && (
                    <Typography variant="caption" color="textSecondary">
                      {when}
                    </Typography>
                  )}
                </Box>
              </TableCell>
              <TableCell>
                <EntityRefLink entityRef={d.entityRef} />
              </TableCell>
              <TableCell>
                {d.action.type === 'page' && <strong>Page · </strong>}
                {d.action.type === 'investigation' && (
                  <strong>Investigation · </strong>
                )}
                <BreakablePath text={d.action.title} />
              </TableCell>
              <TableCell>
                <Box
                  display="flex"
                  flexDirection="column"
                  alignItems="flex-start"
                  style={{ gap: 4 }}
                >
                  <StateChip state={d.state} />
                  <RiskChip risk={d.risk} />
                </Box>
              </TableCell>
              {wide && <TableCell>{when}</TableCell>}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
