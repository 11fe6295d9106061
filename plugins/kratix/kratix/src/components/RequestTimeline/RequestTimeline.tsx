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
import {
  KratixStatusView,
  displayState,
  formatDuration,
} from './KratixStatusView';

const LABELS: Record<RequestState, string> = {
  'pr-open': 'Pull request opened',
  merged: 'Merged',
  closed: 'Closed without merging',
  synced: 'Synced by ArgoCD',
  ready: 'Ready',
  failed: 'Failed',
};

/**
 * The request's state as a chip: green when ready, red when failed, closed or
 * waiting for an approval; while synced, what Kratix says (Waiting, Needs
 * approval).
 */
export const StateChip = ({
  state,
  request,
}: {
  state: RequestState;
  request?: KratixRequest;
}) => {
  const shown = displayState(
    request ? { ...request, state } : ({ state } as KratixRequest),
  );
  return (
    <Chip
      size="small"
      label={shown.label}
      color={shown.color}
      data-testid={`kratix-state-${shown.key}`}
    />
  );
};

/** Only web links become links; anything else (a javascript: URL, say) stays text. */
export const WebLink = ({ url, text }: { url: string; text?: string }) =>
  /^https?:\/\//i.test(url) ? (
    <Link to={url} target="_blank" rel="noopener noreferrer">
      {text ?? url}
    </Link>
  ) : (
    <>{url}</>
  );

/** The forge of a request whose change is a commit in the local start's Git repository. */
const LOCAL_GIT = 'local-git';

/** How a request's change reads: a pull request on its forge, or a local commit. */
export function changeInWords(request: KratixRequest): {
  label: string;
  opened: string;
  link?: string;
} {
  if (request.forge !== LOCAL_GIT) {
    return {
      label: `Pull request (${request.forge})`,
      opened: LABELS['pr-open'],
    };
  }
  let branch: string | null = null;
  try {
    branch = new URL(request.pullRequestUrl).searchParams.get('branch');
  } catch {
    // not a URL: shown as it is
  }
  return {
    label: 'Change',
    opened: 'Committed to the local Git repository',
    link: branch
      ? `Commit on branch ${branch} in the local Git repository`
      : undefined,
  };
}

const showValue = (value: unknown) =>
  typeof value === 'string' ? value : JSON.stringify(value);

/**
 * One request's way from pull request to Ready: each step with its time, how
 * long it took, and what the forge, ArgoCD or Kratix said; the next step with
 * what it waits for (Kratix's reason and for how long, or the approval a
 * pipeline asks for, with its link); a failure or a closed pull request with
 * its reason.
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
  const change = changeInWords(request);
  const labelOf = (state: RequestState) =>
    state === 'pr-open' ? change.opened : LABELS[state];
  return (
    <InfoCard
      title={`${request.kind} ${request.name}`}
      subheader={
        <>
          <StateChip state={request.state} request={request} />{' '}
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
            <TableCell>{change.label}</TableCell>
            <TableCell>
              <WebLink url={request.pullRequestUrl} text={change.link} />
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Stepper
        orientation="vertical"
        activeStep={final ? steps.length - 1 : reached}
        aria-label="Timeline"
      >
        {steps.map((state, index) => {
          const event = byState.get(state);
          const failed = final && state === request.state;
          const waiting = !event && !final && state === steps[reached];
          const previous =
            index > 0 ? byState.get(steps[index - 1]) : undefined;
          const took =
            event && previous
              ? formatDuration(Date.parse(event.at) - Date.parse(previous.at))
              : '';
          const kratix =
            request.kratix &&
            ((waiting && request.state === 'synced') || failed)
              ? request.kratix
              : undefined;
          return (
            <Step key={state} completed={Boolean(event) && !failed} expanded>
              <StepLabel error={failed}>
                {waiting && kratix?.phase === 'needs-approval'
                  ? `${labelOf(state)}: needs approval`
                  : labelOf(state)}
                {event ? ` · ${new Date(event.at).toLocaleString()}` : ''}
                {took ? ` · ${took} after the previous step` : ''}
              </StepLabel>
              <StepContent>
                {kratix && !(failed && kratix.phase !== 'failed') ? (
                  <KratixStatusView status={kratix} />
                ) : (
                  <>
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
                  </>
                )}
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
