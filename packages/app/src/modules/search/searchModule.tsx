import { ReactNode } from 'react';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { searchPage } from '@backstage/plugin-search/alpha';
import {
  SearchFilterBlueprint,
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
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

/**
 * The search page with whole words, a filter column that fits at 900 px, and
 * an empty state that says what to do (HomelabSearchPage: with the
 * Documentation filter, where the docs come from and how to add some).
 */
export const searchModule = createFrontendModule({
  pluginId: 'search',
  extensions: [
    searchPage.override({
      *factory(originalFactory, { inputs }) {
        const items = inputs.items.map(item =>
          item.get(SearchResultListItemBlueprint.dataRefs.item),
        );
        const resultTypes = inputs.resultTypes.map(item =>
          item.get(SearchFilterResultTypeBlueprint.dataRefs.resultType),
        );
        const searchFilters = inputs.searchFilters.map(
          item =>
            item.get(SearchFilterBlueprint.dataRefs.searchFilters).component,
        );
        const outputs = originalFactory({
          params: {
            loader: async () => {
              const { HomelabSearchPage } = await import('./HomelabSearchPage');
              return (
                <SearchPageFrame>
                  <HomelabSearchPage
                    items={items}
                    resultTypes={resultTypes}
                    searchFilters={searchFilters}
                  />
                </SearchPageFrame>
              );
            },
          },
        });
        for (const value of outputs) {
          yield value;
        }
      },
    }),
  ],
});
