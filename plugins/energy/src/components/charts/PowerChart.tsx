import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from '@material-ui/core';
import { EnergySeriesPoint } from '@homelab-portal/plugin-energy-common';
import { formatWatts } from '../common/format';

function tickFormatter(stepSeconds: number) {
  return (t: number) => {
    const date = new Date(t);
    return stepSeconds >= 1800
      ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
      : date.toLocaleTimeString(undefined, {
          hour: '2-digit',
          minute: '2-digit',
        });
  };
}

/** Average power per step; gaps (no data) stay gaps. */
export default function PowerChart({
  points,
  stepSeconds,
  height = 240,
}: {
  points: EnergySeriesPoint[];
  stepSeconds: number;
  height?: number;
}) {
  const theme = useTheme();
  const format = tickFormatter(stepSeconds);
  return (
    <div data-testid="energy-power-chart" style={{ width: '100%', height }}>
      <ResponsiveContainer>
        <AreaChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={format}
          />
          <YAxis unit=" W" width={64} />
          <Tooltip
            labelFormatter={label => new Date(Number(label)).toLocaleString()}
            formatter={value => [formatWatts(value as number), 'Power']}
          />
          <Area
            type="monotone"
            dataKey="w"
            stroke={theme.palette.primary.main}
            fill={theme.palette.primary.light}
            isAnimationActive={false}
            connectNulls={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
