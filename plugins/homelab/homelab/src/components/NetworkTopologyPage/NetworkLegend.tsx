import { Box, Typography } from '@material-ui/core';
import { useTheme } from '@material-ui/core/styles';
import { NetworkLayout } from '../../topology/layoutNetwork';
import { colorOf } from './vlanColors';

/** The key to the diagram, in words. */
export function NetworkLegend({ layout }: { layout: NetworkLayout }) {
  const theme = useTheme();
  const swatch = (children: React.ReactNode) => (
    <svg width={40} height={20} aria-hidden style={{ flex: 'none' }}>
      {children}
    </svg>
  );
  const box = (fill: string, stroke?: string) =>
    swatch(
      <rect
        x={2}
        y={2}
        width={36}
        height={16}
        rx={4}
        fill={fill}
        stroke={stroke}
      />,
    );
  const vlans = layout.regions.filter(r => r.entityRef);
  const item = (key: string, icon: React.ReactNode, text: string) => (
    <Box key={key} display="flex" alignItems="center" mr={3} mb={1}>
      {icon}
      <Typography variant="body2" style={{ marginLeft: 8 }}>
        {text}
      </Typography>
    </Box>
  );
  return (
    <Box data-testid="network-legend" mt={2}>
      <Typography variant="h6" component="h2">
        Legend
      </Typography>
      <Box display="flex" flexWrap="wrap" mt={1}>
        {item(
          'flow',
          swatch(
            <>
              <line
                x1={2}
                y1={10}
                x2={30}
                y2={10}
                stroke={theme.palette.text.primary}
                strokeWidth={2}
              />
              <path
                d="M30,5 L38,10 L30,15 z"
                fill={theme.palette.text.primary}
              />
            </>,
          ),
          'Allowed flow, from the VLAN where traffic starts; its label is the protocol and ports (first matching firewall rule wins, the rest is denied)',
        )}
        {item(
          'cable',
          swatch(
            <>
              <line
                x1={2}
                y1={10}
                x2={26}
                y2={10}
                stroke={theme.palette.text.secondary}
                strokeWidth={2}
              />
              <rect x={26} y={3} width={12} height={14} fill={colorOf(0)} />
            </>,
          ),
          'Cable to a switch port, coloured by the VLAN it carries; a striped port is a trunk carrying several',
        )}
        {item(
          'card',
          box(theme.palette.background.paper, theme.palette.text.secondary),
          "A device's interface in its VLAN: name, speed, address; click to open the device",
        )}
      </Box>
      <Box display="flex" flexWrap="wrap">
        {vlans.map(r => item(r.id, box(colorOf(r.color)), r.title))}
      </Box>
      {layout.shadowed.length > 0 && (
        <Box mt={1} data-testid="network-shadowed">
          <Typography variant="body2">
            Allow rules not drawn, because an earlier rule matches all their
            traffic first:
          </Typography>
          <ul>
            {layout.shadowed.map(s => (
              <li key={s.text}>
                <Typography variant="body2">{s.text}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
    </Box>
  );
}
