import { Typography } from '@material-ui/core';

/** Upstream warnings and partial-data notes, as plain text. */
export const Warnings = ({ warnings }: { warnings: string[] }) =>
  warnings.length === 0 ? null : (
    <div role="status">
      {warnings.map(warning => (
        <Typography
          key={warning}
          variant="caption"
          color="textSecondary"
          component="p"
        >
          ⚠ {warning}
        </Typography>
      ))}
    </div>
  );
