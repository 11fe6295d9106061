import { EntityRefLink } from '@backstage/plugin-catalog-react';
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
import { ActiveAlert } from '@homelab-portal/plugin-alerts-common';
import { AlertActions } from './AlertActions';
import { Severity } from './SeverityChip';
import { duration } from './format';

/** "26 h 1 min", each number kept on one line with its unit. */
const firingFor = (startsAt: string) =>
  duration((Date.now() - Date.parse(startsAt)) / 1000).replace(
    /(\d) /g,
    '$1\u00a0',
  );

const stateLabel = (alert: ActiveAlert) =>
  alert.state === 'suppressed' ? 'silenced' : alert.state;

/**
 * Active alerts: severity, what, on which entities, its state and for how
 * long, and the actions. State and time share a column; on a narrow window
 * the actions move under the alert, so that the table fits its card
 * without scrolling sideways.
 */
export const ActiveAlertsTable = ({
  alerts,
  onChange,
  showEntities = false,
  showSeverity = true,
  label,
}: {
  alerts: ActiveAlert[];
  onChange: () => void;
  showEntities?: boolean;
  /** Off where the alerts are grouped by severity already. */
  showSeverity?: boolean;
  label: string;
}) => {
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('lg'), {
    noSsr: true,
  });
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {showSeverity && <TableCell>Severity</TableCell>}
          <TableCell>Alert</TableCell>
          {showEntities && <TableCell>Entities</TableCell>}
          <TableCell>State</TableCell>
          {wide && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {alerts.map(alert => {
          const actions = alert.state !== 'suppressed' && (
            <AlertActions alert={alert} onChange={onChange} />
          );
          return (
            <TableRow key={`${alert.alertmanager}/${alert.fingerprint}`}>
              {showSeverity && (
                <TableCell>
                  <Severity severity={alert.severity} />
                </TableCell>
              )}
              <TableCell>
                <Typography variant="body2">{alert.alertname}</Typography>
                <Typography variant="caption" color="textSecondary">
                  {alert.annotations.summary ?? ''}
                </Typography>
                {!wide && actions && (
                  <Box display="flex" flexWrap="wrap" ml={-1}>
                    {actions}
                  </Box>
                )}
              </TableCell>
              {showEntities && (
                <TableCell>
                  {alert.entityRefs.length === 0 ? (
                    <Typography variant="caption" color="textSecondary">
                      no entity
                    </Typography>
                  ) : (
                    alert.entityRefs
                      .filter(ref => !ref.startsWith('domain:'))
                      .map(ref => (
                        <div key={ref}>
                          <EntityRefLink entityRef={ref} />
                        </div>
                      ))
                  )}
                </TableCell>
              )}
              <TableCell title={new Date(alert.startsAt).toLocaleString()}>
                <Typography variant="body2">{stateLabel(alert)}</Typography>
                <Typography variant="caption" color="textSecondary">
                  for {firingFor(alert.startsAt)}
                </Typography>
              </TableCell>
              {wide && (
                <TableCell align="right">
                  {actions && (
                    <Box
                      display="flex"
                      flexDirection="column"
                      alignItems="flex-end"
                    >
                      {actions}
                    </Box>
                  )}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
