import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import {
  ENERGY_WINDOW_NAMES,
  EnergyFigures,
  EnergyWindow,
} from '@homelab-portal/plugin-energy-common';
import { formatCO2, formatKWh, formatMoney } from './format';

/** kWh, cost and CO2 over each window. */
export const FiguresTable = ({
  windows,
  currency,
}: {
  windows: Record<EnergyWindow, EnergyFigures>;
  currency: string;
}) => (
  <Table size="small" aria-label="Energy by window">
    <TableHead>
      <TableRow>
        <TableCell>Window</TableCell>
        <TableCell align="right">Energy</TableCell>
        <TableCell align="right">Cost</TableCell>
        <TableCell align="right">CO₂</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {ENERGY_WINDOW_NAMES.map(window => (
        <TableRow key={window}>
          <TableCell>{window}</TableCell>
          <TableCell align="right">
            {formatKWh(windows[window].energyKWh)}
          </TableCell>
          <TableCell align="right">
            {formatMoney(windows[window].cost, currency)}
          </TableCell>
          <TableCell align="right">
            {formatCO2(windows[window].co2Kg)}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
