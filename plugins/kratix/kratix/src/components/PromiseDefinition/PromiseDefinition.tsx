import {
  CodeSnippet,
  InfoCard,
  WarningPanel,
} from '@backstage/core-components';
import {
  Box,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { Fragment, ReactNode, useMemo } from 'react';
import { PromiseDescription, describePromise } from './describePromise';

const useStyles = makeStyles({
  // Identifiers, images and patterns have no spaces: they may wrap anywhere
  // rather than push the card wider than the window.
  code: {
    fontFamily: 'monospace',
    fontSize: '0.85em',
    overflowWrap: 'anywhere',
    wordBreak: 'normal',
  },
  fields: { tableLayout: 'auto', width: '100%' },
  fieldName: { fontWeight: 500 },
  snippet: {
    maxHeight: 480,
    overflow: 'auto',
    // CodeSnippet's own pre: wrap lines instead of running off the card
    '& pre': { whiteSpace: 'pre-wrap !important', overflowWrap: 'anywhere' },
    '& code': { whiteSpace: 'pre-wrap !important' },
  },
});

/** A dotted path that may break after each dot, never inside a name. */
const Path = ({ path }: { path: string }) => {
  const parts = path.split('.');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              .<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
};

const Offers = ({ promise }: { promise: PromiseDescription }) => {
  const classes = useStyles();
  const { api } = promise;
  return (
    <InfoCard
      title="What it offers"
      subheader={promise.version ? `Version ${promise.version}` : undefined}
    >
      {promise.description && (
        <Typography variant="body1" paragraph>
          {promise.description}
        </Typography>
      )}
      {api ? (
        <Typography variant="body2" paragraph>
          A request is a <strong>{api.kind}</strong> (
          <span className={classes.code}>
            {api.plural}.{api.group}/{api.version}
          </span>
          ), {api.namespaced ? 'made in a namespace' : 'cluster-wide'}.
        </Typography>
      ) : (
        <Typography variant="body2" paragraph>
          Nothing to request: {promise.apiProblem}.
        </Typography>
      )}
      <Typography variant="body2" paragraph>
        Installs on{' '}
        {promise.destinations.length > 0
          ? `destinations labelled ${promise.destinations.join(', ')}`
          : 'every destination (it selects none)'}
        {promise.dependencies > 0 &&
          `, with ${promise.dependencies} resource${
            promise.dependencies === 1 ? '' : 's'
          } of its own`}
        .
      </Typography>
      {promise.requiredPromises.length > 0 && (
        <Typography variant="body2">
          Needs the Promises {promise.requiredPromises.join(', ')}.
        </Typography>
      )}
    </InfoCard>
  );
};

const Fields = ({ promise }: { promise: PromiseDescription }) => {
  const classes = useStyles();
  if (!promise.api) return null;
  return (
    <InfoCard
      title="Request fields"
      subheader={`What a ${promise.api.kind} request's spec holds`}
    >
      {promise.fields.length === 0 ? (
        <Typography variant="body2">
          The spec declares no fields: a request needs only its name.
        </Typography>
      ) : (
        <Table
          size="small"
          aria-label="Request fields"
          className={classes.fields}
        >
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell>Type</TableCell>
              <TableCell>Default</TableCell>
              <TableCell>What it is</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {promise.fields.map(field => (
              <TableRow key={field.path}>
                <TableCell>
                  <span className={classes.fieldName}>
                    <Path path={field.path} />
                  </span>
                  {field.required && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      required
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{field.type}</TableCell>
                <TableCell>
                  {field.default === undefined ? (
                    <Typography variant="caption" color="textSecondary">
                      none
                    </Typography>
                  ) : (
                    <span className={classes.code}>{field.default}</span>
                  )}
                </TableCell>
                <TableCell>
                  {field.description && (
                    <Typography variant="body2">{field.description}</Typography>
                  )}
                  {field.limits.map(l => (
                    <Typography
                      key={l}
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      {`${l[0].toUpperCase()}${l.slice(1)}.`}
                    </Typography>
                  ))}
                  {field.pattern && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="div"
                    >
                      Matches{' '}
                      <span className={classes.code}>{field.pattern}</span>
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
};

const Pipelines = ({ promise }: { promise: PromiseDescription }) => {
  const classes = useStyles();
  return (
    <InfoCard
      title="Pipelines"
      subheader="What Kratix runs, and when, to fulfil it"
    >
      {promise.pipelines.length === 0 ? (
        <Typography variant="body2">
          No pipelines: Kratix writes the request to its destinations as it is.
        </Typography>
      ) : (
        <Box role="list" aria-label="Pipelines">
          {promise.pipelines.map((pipeline, i) => (
            <Box key={`${pipeline.when}-${i}`} role="listitem" mb={1.5}>
              <Typography variant="body2">
                {pipeline.when}:{' '}
                <span className={classes.code}>{pipeline.name}</span>
              </Typography>
              {pipeline.containers.map(container => (
                <Typography
                  key={container.name}
                  variant="body2"
                  color="textSecondary"
                >
                  {container.name}, image{' '}
                  <span className={classes.code}>{container.image}</span>
                </Typography>
              ))}
            </Box>
          ))}
        </Box>
      )}
    </InfoCard>
  );
};

/** The Promise's YAML, wrapped and scrolled inside its card. */
export const PromiseYaml = ({ definition }: { definition: string }) => {
  const classes = useStyles();
  return (
    <InfoCard
      title="Definition (YAML)"
      subheader="The Promise as Kratix reads it"
    >
      <Box className={classes.snippet} data-testid="promise-yaml">
        <CodeSnippet
          text={definition}
          language="yaml"
          wrapLongLines
          showCopyCodeButton
        />
      </Box>
    </InfoCard>
  );
};

/**
 * A Promise in readable form: what it offers, its request fields with their
 * types, defaults and limits, its pipelines, and its YAML. `action` comes
 * after what it offers (how to request it), `children` before the YAML.
 */
export const PromiseDefinition = ({
  definition,
  action,
  children,
}: {
  definition: string;
  action?: ReactNode;
  children?: ReactNode;
}) => {
  const described = useMemo(() => {
    try {
      return { promise: describePromise(definition) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [definition]);
  return (
    <Grid container spacing={3}>
      {described.promise ? (
        <>
          <Grid item xs={12}>
            <Offers promise={described.promise} />
          </Grid>
          {action && (
            <Grid item xs={12}>
              {action}
            </Grid>
          )}
          {described.promise.api && (
            <Grid item xs={12}>
              <Fields promise={described.promise} />
            </Grid>
          )}
          <Grid item xs={12}>
            <Pipelines promise={described.promise} />
          </Grid>
        </>
      ) : (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            title="This definition cannot be shown in readable form"
            message={`${described.error}. Its YAML is below as it is.`}
          />
        </Grid>
      )}
      {!described.promise && action && (
        <Grid item xs={12}>
          {action}
        </Grid>
      )}
      {children && (
        <Grid item xs={12}>
          {children}
        </Grid>
      )}
      <Grid item xs={12}>
        <PromiseYaml definition={definition} />
      </Grid>
    </Grid>
  );
};
