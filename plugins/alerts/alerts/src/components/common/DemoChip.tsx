import { Chip, Tooltip } from '@material-ui/core';
import { AlertsSourceKind } from '@homelab-portal/plugin-alerts-common';

/** Marks alerts from the simulation, wherever they show. */
export const DemoChip = ({ source }: { source: AlertsSourceKind }) =>
  source === 'demo' ? (
    <Tooltip title="No Alertmanager is configured (alerts.alertmanagers): these alerts are a simulation of the seed homelab.">
      <Chip
        size="small"
        variant="outlined"
        label="Demo data"
        data-testid="alerts-demo-chip"
      />
    </Tooltip>
  ) : null;
