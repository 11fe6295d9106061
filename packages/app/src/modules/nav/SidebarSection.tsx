import { useSidebarOpenState } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  root: {
    // the same height open or closed, so that nothing moves on hover
    height: 22,
    display: 'flex',
    alignItems: 'center',
    margin: theme.spacing(0.25, 0, 0, 3),
    fontSize: 11,
    fontWeight: theme.typography.fontWeightBold as number,
    letterSpacing: '0.08em',
    textTransform: 'uppercase',
    whiteSpace: 'nowrap',
    color: theme.palette.navigation.color,
    opacity: 0.7,
  },
  rule: {
    width: 24,
    borderTop: `1px solid ${theme.palette.navigation.color}`,
  },
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
  },
}));

/** A heading over a group of sidebar items (a short rule while closed). */
export const SidebarSection = ({ title }: { title: string }) => {
  const classes = useStyles();
  const { isOpen } = useSidebarOpenState();
  return (
    <div className={classes.root} role="heading" aria-level={2}>
      {isOpen ? (
        title
      ) : (
        <>
          <span className={classes.rule} />
          <span className={classes.hidden}>{title}</span>
        </>
      )}
    </div>
  );
};
