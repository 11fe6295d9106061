import { Chip, Tooltip } from '@material-ui/core';

/** Marks backups from the simulation, wherever they show. */
export const DemoChip = ({ source }: { source: 'live' | 'demo' }) =>
  source === 'demo' ? (
    <Tooltip title="No cluster and no restic repository is configured: these backups are a simulation of the seed homelab.">
      <Chip
        size="small"
        variant="outlined"
        label="Demo data"
        data-testid="backups-demo-chip"
      />
    </Tooltip>
  ) : null;
