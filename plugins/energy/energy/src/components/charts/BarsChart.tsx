import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTheme } from '@material-ui/core';
import { formatKWh } from '../common/format';

const ROW_HEIGHT = 36;

/**
 * kWh per item (nodes, systems), one labelled bar per row: the name on the
 * left, the figure at the bar's end, so that no bar goes unlabelled however
 * narrow the card.
 */
export default function BarsChart({
  bars,
  windowLabel,
}: {
  bars: Array<{ name: string; kWh: number }>;
  /** The window the figures are for, as in "last 24 hours". */
  windowLabel: string;
}) {
  const theme = useTheme();
  const height = bars.length * ROW_HEIGHT + 48;
  return (
    <div data-testid="energy-bars-chart" style={{ width: '100%', height }}>
      <ResponsiveContainer>
        <BarChart
          data={bars}
          layout="vertical"
          margin={{ top: 4, right: 72, bottom: 20, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            unit=" kWh"
            label={{
              value: `Energy, ${windowLabel} (kWh)`,
              position: 'insideBottom',
              offset: -12,
              fill: theme.palette.text.secondary,
              fontSize: 12,
            }}
            tick={{ fontSize: 12 }}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={128}
            interval={0}
            tick={{ fontSize: 12 }}
          />
          <Tooltip
            formatter={value => [
              formatKWh(value as number),
              `Energy, ${windowLabel}`,
            ]}
          />
          <Bar
            dataKey="kWh"
            fill={theme.palette.primary.main}
            isAnimationActive={false}
            barSize={20}
          >
            <LabelList
              dataKey="kWh"
              position="right"
              formatter={(value: unknown) => formatKWh(value as number)}
              style={{ fontSize: 12, fill: theme.palette.text.primary }}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
