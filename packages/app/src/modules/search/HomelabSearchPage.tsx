import { createElement, useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import qs from 'qs';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  CatalogIcon,
  Content,
  EmptyState,
  Link,
  useSidebarPinState,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import { SearchType } from '@backstage/plugin-search';
import {
  DefaultResultListItem,
  SearchBar,
  SearchContextProvider,
  SearchFilter,
  SearchPagination,
  SearchResult,
  SearchResultPager,
  useSearch,
} from '@backstage/plugin-search-react';
import {
  SearchFilterExtensionComponent,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { SearchResult as SearchResultItem } from '@backstage/plugin-search-common';

type ResultItem = typeof SearchResultListItemBlueprint.dataRefs.item.T;
type ResultType = {
  value: string;
  name: string;
  icon: JSX.Element;
};

/**
 * Backstage's search page (plugin-search's alpha SearchPage, which takes no
 * empty state) with an empty state that says what to do: with the
 * Documentation filter, where the docs come from and how to add some.
 */
export function HomelabSearchPage(props: {
  items: ResultItem[];
  resultTypes: ResultType[];
  searchFilters: SearchFilterExtensionComponent[];
}) {
  return (
    <SearchContextProvider>
      <UrlUpdater />
      <SearchPageContent {...props} />
    </SearchContextProvider>
  );
}

const useStyles = makeStyles(theme => ({
  filter: {
    '& + &': {
      marginTop: theme.spacing(2.5),
    },
  },
  filters: {
    padding: theme.spacing(2),
    marginTop: theme.spacing(2),
  },
}));

function SearchPageContent(props: {
  items: ResultItem[];
  resultTypes: ResultType[];
  searchFilters: SearchFilterExtensionComponent[];
}) {
  const classes = useStyles();
  const { isMobile } = useSidebarPinState();
  const { types } = useSearch();
  const catalogApi = useApi(catalogApiRef);
  const configApi = useApi(configApiRef);
  const itemFor = (result: SearchResultItem) =>
    props.items.find(item => item.predicate?.(result))?.component ??
    DefaultResultListItem;

  return (
    <Content>
      <Grid container direction="row">
        <Grid item xs={12}>
          <SearchBar debounceTime={100} />
        </Grid>
        {!isMobile && (
          <Grid item xs={3}>
            <SearchType.Accordion
              name="Result Type"
              defaultValue={configApi.getOptionalString('search.defaultType')}
              showCounts
              types={[
                {
                  value: 'software-catalog',
                  name: 'Software Catalog',
                  icon: <CatalogIcon />,
                },
                ...props.resultTypes,
              ]}
            />
            <Paper className={classes.filters}>
              {types.includes('techdocs') && (
                <SearchFilter.Select
                  className={classes.filter}
                  label="Entity"
                  name="name"
                  values={async () => {
                    const { items } = await catalogApi.getEntities({
                      fields: ['metadata.name'],
                      filter: {
                        'metadata.annotations.backstage.io/techdocs-ref':
                          CATALOG_FILTER_EXISTS,
                      },
                    });
                    return items.map(entity => entity.metadata.name).sort();
                  }}
                />
              )}
              <SearchFilter.Select
                className={classes.filter}
                label="Kind"
                name="kind"
                values={async () => {
                  const { facets } = await catalogApi.getEntityFacets({
                    facets: ['kind'],
                  });
                  return (facets.kind ?? [])
                    .map(facet => facet.value)
                    .sort((a, b) => a.localeCompare(b));
                }}
              />
              <SearchFilter.Checkbox
                className={classes.filter}
                label="Lifecycle"
                name="lifecycle"
                values={['experimental', 'production']}
              />
              {props.searchFilters.map((Filter, index) => (
                <Filter className={classes.filter} key={index} />
              ))}
            </Paper>
          </Grid>
        )}
        <Grid item xs>
          <SearchPagination />
          <SearchResult noResultsComponent={<NoResults types={types} />}>
            {({ results }) => (
              <>
                {results.map(({ document, ...rest }, index) =>
                  createElement(itemFor({ document, ...rest }), {
                    ...rest,
                    key: index,
                    result: document,
                  }),
                )}
              </>
            )}
          </SearchResult>
          <SearchResultPager />
        </Grid>
      </Grid>
    </Content>
  );
}

/** What to do when nothing matches, by the type being searched. */
export function NoResults(props: { types: string[] }) {
  if (props.types.includes('techdocs')) {
    return (
      <EmptyState
        missing="content"
        title="No documentation matches"
        description={
          <>
            <Typography variant="body1" paragraph>
              Docs search reads the TechDocs sites: the runbooks and the
              homelab's architecture in this repository's docs/ folder. Try
              fewer or other words, or browse them on the{' '}
              <Link to="/docs">Docs page</Link>.
            </Typography>
            <Typography variant="body1">
              To add documentation, put an mkdocs.yml and a docs/ folder beside
              an entity's catalog-info.yaml and give the entity the annotation
              backstage.io/techdocs-ref: dir:. The portal builds each site about
              20 seconds after it starts, and every 10 minutes after.
            </Typography>
          </>
        }
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title="Sorry, no results were found"
      description="Try fewer or other words, or another result type."
    />
  );
}

/**
 * Keeps the query in the address (query, types, filters, page), as
 * plugin-search's own page does, so that a search can be linked and reloaded.
 */
function UrlUpdater() {
  const location = useLocation();
  const {
    term,
    setTerm,
    types,
    setTypes,
    pageCursor,
    setPageCursor,
    filters,
    setFilters,
  } = useSearch();
  const previousSearch = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (location.search === previousSearch.current) return;
    previousSearch.current = location.search;
    const query =
      qs.parse(location.search.substring(1), { arrayLimit: 10000 }) || {};
    // any: filters from the URL, as Backstage's own SearchPage reads them
    if (query.filters) setFilters(query.filters as Record<string, any>);
    if (query.query) setTerm(String(query.query));
    if (query.pageCursor) setPageCursor(String(query.pageCursor));
    setTypes(Array.isArray(query.types) ? (query.types as string[]) : []);
  }, [location, setTerm, setTypes, setPageCursor, setFilters]);

  useEffect(() => {
    const params = qs.stringify(
      { query: term, types, pageCursor, filters },
      { arrayFormat: 'brackets' },
    );
    window.history.replaceState(
      null,
      document.title,
      `${window.location.pathname}?${params}`,
    );
  }, [term, types, pageCursor, filters]);

  return null;
}
