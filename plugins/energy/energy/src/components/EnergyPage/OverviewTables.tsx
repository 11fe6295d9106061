import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import {
  EnergyOverview,
  EnergyOverviewRow,
  EnergyWindow,
} from '@homelab-portal/plugin-energy-common';
import { formatKWh, formatMoney, formatWatts } from '../common/format';

/** The Energy page's tables: the systems that add up to the lab, and the nodes. */

/** How each window reads in a title, and in a column header. */
export const WINDOW_LABELS: Record<
  EnergyWindow,
  { long: string; short: string }
> = {
  '24h': { long: 'last 24 hours', short: '24 h' },
  '7d': { long: 'last 7 days', short: '7 days' },
  '30d': { long: 'last 30 days', short: '30 days' },
};

export const useEnergyPageStyles = makeStyles(theme => ({
  figure: { whiteSpace: 'nowrap' },
  cell: { whiteSpace: 'nowrap' },
  name: { minWidth: '12em' },
  note: { display: 'block', color: theme.palette.text.secondary },
  total: { '& td': { fontWeight: theme.typography.fontWeightBold } },
  scroll: { overflowX: 'auto' },
}));

type Figures = {
  powerW: number | null;
  energyKWh: number | null;
  cost: number | null;
};

export const FigureCells = ({
  row,
  currency,
}: {
  row: Figures;
  currency: string;
}) => {
  const classes = useEnergyPageStyles();
  return (
    <>
      <TableCell align="right" className={classes.cell}>
        {formatWatts(row.powerW)}
      </TableCell>
      <TableCell align="right" className={classes.cell}>
        {formatKWh(row.energyKWh)}
      </TableCell>
      <TableCell align="right" className={classes.cell}>
        {formatMoney(row.cost, currency)}
      </TableCell>
    </>
  );
};

export const RowsHead = ({
  label,
  window,
}: {
  label: string;
  window: EnergyWindow;
}) => {
  const classes = useEnergyPageStyles();
  const short = WINDOW_LABELS[window].short;
  return (
    <TableHead>
      <TableRow>
        <TableCell>{label}</TableCell>
        <TableCell align="right" className={classes.cell}>
          Power now
        </TableCell>
        <TableCell align="right" className={classes.cell}>
          Energy, {short}
        </TableCell>
        <TableCell align="right" className={classes.cell}>
          Cost, {short}
        </TableCell>
      </TableRow>
    </TableHead>
  );
};

export const EntityRow = ({
  row,
  currency,
}: {
  row: EnergyOverviewRow;
  currency: string;
}) => {
  const classes = useEnergyPageStyles();
  return (
    <TableRow>
      <TableCell className={classes.name}>
        <EntityRefLink entityRef={row.entityRef} title={row.title} />
        {(row.notes ?? []).map(note => (
          <Typography key={note} variant="caption" className={classes.note}>
            {note}
          </Typography>
        ))}
      </TableCell>
      <FigureCells row={row} currency={currency} />
    </TableRow>
  );
};

/** Each watt once: the systems, what no system accounts for, and the total they add up to. */
export const SystemsTable = ({ overview }: { overview: EnergyOverview }) => {
  const classes = useEnergyPageStyles();
  const currency = overview.tariff.currency;
  return (
    <Table size="small" aria-label="System">
      <RowsHead label="System" window={overview.window} />
      <TableBody>
        {overview.systems.map(row => (
          <EntityRow key={row.entityRef} row={row} currency={currency} />
        ))}
        <TableRow data-testid="energy-unattributed">
          <TableCell className={classes.name}>
            Not attributed to a system
            {overview.unattributed.notes.map(note => (
              <Typography key={note} variant="caption" className={classes.note}>
                {note}
              </Typography>
            ))}
          </TableCell>
          <FigureCells row={overview.unattributed} currency={currency} />
        </TableRow>
        <TableRow className={classes.total} data-testid="energy-systems-total">
          <TableCell>Total (the lab’s hardware)</TableCell>
          <FigureCells
            row={{ powerW: overview.powerW, ...overview.total }}
            currency={currency}
          />
        </TableRow>
      </TableBody>
    </Table>
  );
};
