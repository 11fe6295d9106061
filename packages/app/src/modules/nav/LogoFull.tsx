import { makeStyles } from '@material-ui/core';
import { HomelabMark } from './HomelabMark';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 30,
  },
  text: {
    fill: '#7df3e1',
    // the system's own sans-serif: no web font is loaded
    fontFamily: 'sans-serif',
    fontWeight: 700,
    fontSize: 60,
  },
});

export const LogoFull = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 660 128"
      role="img"
      aria-label="Homelab Portal"
    >
      <HomelabMark color="#7df3e1" />
      <text
        className={classes.text}
        x="140"
        y="86"
        textLength="510"
        lengthAdjust="spacingAndGlyphs"
      >
        Homelab Portal
      </text>
    </svg>
  );
};
