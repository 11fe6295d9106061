import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from '@material-ui/core';
import { formatKWh } from '../common/format';

/** kWh per item (nodes, systems), bars left to right. */
export default function BarsChart({
  bars,
  height = 220,
}: {
  bars: Array<{ name: string; kWh: number }>;
  height?: number;
}) {
  const theme = useTheme();
  return (
    <div data-testid="energy-bars-chart" style={{ width: '100%', height }}>
      <ResponsiveContainer>
        <BarChart
          data={bars}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis unit=" kWh" width={72} />
          <Tooltip
            formatter={value => [formatKWh(value as number), 'Energy, 24 h']}
          />
          <Bar
            dataKey="kWh"
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
