import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { useTheme } from '@material-ui/core';
import { EnergySeriesPoint } from '@homelab-portal/plugin-energy-common';

/** The last day's power at a glance. */
export default function Sparkline({ points }: { points: EnergySeriesPoint[] }) {
  const theme = useTheme();
  return (
    <div data-testid="energy-sparkline" style={{ width: '100%', height: 48 }}>
      <ResponsiveContainer>
        <LineChart data={points}>
          <YAxis hide domain={['auto', 'auto']} />
          <Line
            type="monotone"
            dataKey="w"
            dot={false}
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
