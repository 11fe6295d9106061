import { makeStyles } from '@material-ui/core/styles';

/** The network diagram's styles, from the theme (light or dark). */
export const useStyles = makeStyles(theme => ({
  frame: {
    position: 'relative',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    background: theme.palette.background.default,
    touchAction: 'none',
    cursor: 'grab',
  },
  controls: {
    background: theme.palette.background.paper,
    borderRadius: theme.shape.borderRadius,
    boxShadow: theme.shadows[2],
  },
  svg: {
    display: 'block',
    fontFamily: theme.typography.fontFamily,
    userSelect: 'none',
  },
  title: { fontSize: 14, fontWeight: 600, fill: theme.palette.text.primary },
  text: { fontSize: 13, fill: theme.palette.text.primary },
  muted: { fontSize: 13, fill: theme.palette.text.secondary },
  link: {
    cursor: 'pointer',
    outline: 'none',
    '&:hover rect, &:focus rect': {
      stroke: theme.palette.primary.main,
      strokeWidth: 2,
    },
  },
  card: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.secondary,
  },
  switchBox: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.primary,
    strokeWidth: 1.5,
  },
  flow: {
    fill: 'none',
    stroke: theme.palette.text.primary,
    strokeWidth: 1.75,
  },
  flowLabel: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.primary,
  },
  cable: { stroke: theme.palette.text.secondary, strokeWidth: 2 },
}));
