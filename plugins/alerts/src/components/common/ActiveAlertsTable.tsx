import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { ActiveAlert } from '@homelab-portal/plugin-alerts-common';
import { AlertActions } from './AlertActions';
import { Severity } from './SeverityChip';
import { since } from './format';

/** Active alerts: severity, what, since when, silenced or not, and actions. */
export const ActiveAlertsTable = ({
  alerts,
  onChange,
  showEntities = false,
  label,
}: {
  alerts: ActiveAlert[];
  onChange: () => void;
  showEntities?: boolean;
  label: string;
}) => (
  <Table size="small" aria-label={label}>
    <TableHead>
      <TableRow>
        <TableCell>Severity</TableCell>
        <TableCell>Alert</TableCell>
        {showEntities && <TableCell>Entities</TableCell>}
        <TableCell>Since</TableCell>
        <TableCell>State</TableCell>
        <TableCell />
      </TableRow>
    </TableHead>
    <TableBody>
      {alerts.map(alert => (
        <TableRow key={`${alert.alertmanager}/${alert.fingerprint}`}>
          <TableCell>
            <Severity severity={alert.severity} />
          </TableCell>
          <TableCell>
            <Typography variant="body2">{alert.alertname}</Typography>
            <Typography variant="caption" color="textSecondary">
              {alert.annotations.summary ?? ''}
            </Typography>
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
            {since(alert.startsAt)}
          </TableCell>
          <TableCell>
            {alert.state === 'suppressed' ? 'silenced' : alert.state}
          </TableCell>
          <TableCell align="right">
            {alert.state !== 'suppressed' && (
              <AlertActions alert={alert} onChange={onChange} />
            )}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
