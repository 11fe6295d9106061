import { Chip, Tooltip } from '@material-ui/core';
import { EnergySourceKind } from '@homelab-portal/plugin-energy-common';

/** Marks figures from the simulation, wherever they show. */
export const DemoChip = ({ source }: { source: EnergySourceKind }) =>
  source === 'demo' ? (
    <Tooltip title="No Prometheus is configured (energy.prometheus): these figures are a simulation of the seed homelab.">
      <Chip
        size="small"
        variant="outlined"
        label="Demo data"
        data-testid="energy-demo-chip"
      />
    </Tooltip>
  ) : null;
