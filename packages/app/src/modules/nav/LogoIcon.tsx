import { makeStyles } from '@material-ui/core';
import { HomelabMark } from './HomelabMark';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 28,
  },
});

export const LogoIcon = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 128 128"
      role="img"
      aria-label="Homelab Portal"
    >
      <HomelabMark color="#7df3e1" />
    </svg>
  );
};
