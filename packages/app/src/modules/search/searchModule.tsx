import { ReactNode } from 'react';
import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { searchPage } from '@backstage/plugin-search/alpha';
import { makeStyles } from '@material-ui/core/styles';

// Backstage's search page, in a frame that keeps words whole. Its filter
// column is a quarter of the page, so at 900 px "Documentation" and
// "experimental" are cut off, and its catalog results break words anywhere
// ("control plane and work/er").
const useStyles = makeStyles(theme => ({
  frame: {
    '& .MuiListItemText-root, & .MuiListItemText-root *': {
      wordBreak: 'normal',
      overflowWrap: 'break-word',
      whiteSpace: 'normal',
    },
    '& .MuiListItemIcon-root': {
      minWidth: theme.spacing(5),
    },
    [theme.breakpoints.down('md')]: {
      '& .MuiGrid-grid-xs-3': {
        flexBasis: '33.333%',
        maxWidth: '33.333%',
      },
    },
  },
}));

function SearchPageFrame(props: { children: ReactNode }) {
  const classes = useStyles();
  return (
    <div className={classes.frame} data-testid="homelab-search-page">
      {props.children}
    </div>
  );
}

/** The search page with whole words and a filter column that fits at 900 px. */
export const searchModule = createFrontendModule({
  pluginId: 'search',
  extensions: [
    searchPage.override({
      *factory(originalFactory) {
        for (const value of originalFactory()) {
          if (value.id === coreExtensionData.reactElement.id) {
            yield coreExtensionData.reactElement(
              <SearchPageFrame>{value.value as ReactNode}</SearchPageFrame>,
            );
          } else {
            yield value;
          }
        }
      },
    }),
  ],
});
