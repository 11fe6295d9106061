import { Chip, Tooltip } from '@material-ui/core';

/** Marks answers from the labelled demo source, wherever they show. */
export const DemoChip = ({
  source,
  why,
}: {
  source: 'live' | 'demo';
  why: string;
}) =>
  source === 'demo' ? (
    <Tooltip title={why}>
      <Chip
        size="small"
        variant="outlined"
        label="Demo data"
        data-testid="homelab-demo-chip"
      />
    </Tooltip>
  ) : null;
