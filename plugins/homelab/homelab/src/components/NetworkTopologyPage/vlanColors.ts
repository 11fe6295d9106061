/** One colour per VLAN column, distinguishable on light and dark themes. */
export const VLAN_COLORS = [
  '#7b61ff',
  '#1e88e5',
  '#2e7d32',
  '#ef6c00',
  '#00897b',
  '#c2185b',
  '#6d4c41',
  '#546e7a',
];
export const colorOf = (index: number) =>
  index < 0 ? '#78909c' : VLAN_COLORS[index % VLAN_COLORS.length];
