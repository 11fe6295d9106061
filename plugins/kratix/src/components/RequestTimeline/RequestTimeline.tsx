import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { InfoCard, Link } from '@backstage/core-components';
import {
  KratixRequest,
  REQUEST_STATE_ORDER,
  RequestEvent,
  RequestState,
} from '@homelab-portal/plugin-kratix-common';
import {
  Chip,
  Step,
  StepContent,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';

const LABELS: Record<RequestState, string> = {
  'pr-open': 'Pull request opened',
  merged: 'Merged',
  closed: 'Closed without merging',
  synced: 'Synced by ArgoCD',
  ready: 'Ready',
  failed: 'Failed',
};

/** A short label for a state, for chips and tables. */
export const stateLabel = (state: RequestState) =>
  ({
    'pr-open': 'PR open',
    merged: 'Merged',
    closed: 'Closed',
    synced: 'Synced',
    ready: 'Ready',
    failed: 'Failed',
  }[state]);

/** The request's state as a chip: green when ready, red when failed or closed. */
export const StateChip = ({ state }: { state: RequestState }) => {
  let color: 'primary' | 'secondary' | 'default' = 'default';
  if (state === 'ready') color = 'primary';
  if (state === 'failed' || state === 'closed') color = 'secondary';
  return (
    <Chip
      size="small"
      label={stateLabel(state)}
      color={color}
      data-testid={`kratix-state-${state}`}
    />
  );
};

/** Only web links become links; anything else (a javascript: URL, say) stays text. */
export const WebLink = ({ url }: { url: string }) =>
  /^https?:\/\//i.test(url) ? (
    <Link to={url} target="_blank" rel="noopener noreferrer">
      {url}
    </Link>
  ) : (
    <>{url}</>
  );

const showValue = (value: unknown) =>
  typeof value === 'string' ? value : JSON.stringify(value);

/**
 * One request's way from pull request to Ready: each step with its time and
 * what the forge, ArgoCD or Kratix said; the next step with what it waits
 * for; a failure or a closed pull request with its reason.
 */
export const RequestTimeline = ({ request }: { request: KratixRequest }) => {
  const byState = new Map<RequestState, RequestEvent>(
    request.events.map(e => [e.state, e]),
  );
  const final = request.state === 'failed' || request.state === 'closed';
  const steps: RequestState[] = final
    ? [...REQUEST_STATE_ORDER.filter(s => byState.has(s)), request.state]
    : REQUEST_STATE_ORDER;
  const reached = steps.filter(s => byState.has(s)).length;
  return (
    <InfoCard
      title={`${request.kind} ${request.name}`}
      subheader={
        <>
          <StateChip state={request.state} />{' '}
          {request.namespace ? `in namespace ${request.namespace}` : ''}
        </>
      }
    >
      <Table size="small" aria-label="Request">
        <TableBody>
          <TableRow>
            <TableCell>Promise</TableCell>
            <TableCell>
              <EntityRefLink entityRef={request.promiseEntityRef} />
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Requested by</TableCell>
            <TableCell>
              <EntityRefLink entityRef={request.requester} /> on{' '}
              {new Date(request.createdAt).toLocaleString()}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell>Pull request ({request.forge})</TableCell>
            <TableCell>
              <WebLink url={request.pullRequestUrl} />
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Stepper
        orientation="vertical"
        activeStep={final ? steps.length - 1 : reached}
        aria-label="Timeline"
      >
        {steps.map(state => {
          const event = byState.get(state);
          const failed = final && state === request.state;
          const waiting = !event && !final && state === steps[reached];
          return (
            <Step key={state} completed={Boolean(event) && !failed} expanded>
              <StepLabel error={failed}>
                {LABELS[state]}
                {event ? ` · ${new Date(event.at).toLocaleString()}` : ''}
              </StepLabel>
              <StepContent>
                <Typography variant="body2">
                  {event?.message ??
                    (waiting ? request.reason ?? 'Waiting' : '')}
                </Typography>
                {failed &&
                request.reason &&
                request.reason !== event?.message ? (
                  <Typography variant="body2" color="error">
                    {request.reason}
                  </Typography>
                ) : null}
              </StepContent>
            </Step>
          );
        })}
      </Stepper>
      <Typography variant="h6">Parameters</Typography>
      <Table size="small" aria-label="Parameters">
        <TableBody>
          {Object.entries(request.parameters).map(([key, value]) => (
            <TableRow key={key}>
              <TableCell>{key}</TableCell>
              <TableCell>{showValue(value)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
