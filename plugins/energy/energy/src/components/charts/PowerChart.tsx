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
  title = 'Power',
}: {
  points: EnergySeriesPoint[];
  stepSeconds: number;
  height?: number;
  /** What the line is, for the axis and the tooltip. */
  title?: string;
}) {
  const theme = useTheme();
  const format = tickFormatter(stepSeconds);
  return (
    <div data-testid="energy-power-chart" style={{ width: '100%', height }}>
      <ResponsiveContainer>
        <AreaChart
          data={points}
          margin={{ top: 8, right: 16, bottom: 16, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={format}
            tick={{ fontSize: 12 }}
            label={{
              value: 'Time (local)',
              position: 'insideBottom',
              offset: -10,
              fill: theme.palette.text.secondary,
              fontSize: 12,
            }}
          />
          <YAxis
            unit=" W"
            width={72}
            tick={{ fontSize: 12 }}
            label={{
              value: `${title} (W)`,
              angle: -90,
              position: 'insideLeft',
              offset: 0,
              dy: 40,
              fill: theme.palette.text.secondary,
              fontSize: 12,
            }}
          />
          <Tooltip
            labelFormatter={label => new Date(Number(label)).toLocaleString()}
            formatter={value => [formatWatts(value as number), title]}
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
