import { Box, Typography } from '@material-ui/core';
import { AlertStats } from '@homelab-portal/plugin-alerts-common';
import { duration, since } from './format';

const Figure = ({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId: string;
}) => (
  <Box mr={4}>
    <Typography variant="caption" color="textSecondary">
      {label}
    </Typography>
    <Typography variant="h6" data-testid={testId}>
      {value}
    </Typography>
  </Box>
);

/** What history says: when last fired, how often in 30 days, mean time to resolve. */
export const Stats = ({ stats }: { stats: AlertStats }) => (
  <Box display="flex" flexWrap="wrap" mb={1}>
    <Figure
      label="Last fired"
      value={stats.lastFiredAt ? since(stats.lastFiredAt) : 'never'}
      testId="alerts-last-fired"
    />
    <Figure
      label="Firings, 30 days"
      value={String(stats.firings30d)}
      testId="alerts-firings-30d"
    />
    <Figure
      label="Mean time to resolve"
      value={duration(stats.mttrSeconds)}
      testId="alerts-mttr"
    />
  </Box>
);
