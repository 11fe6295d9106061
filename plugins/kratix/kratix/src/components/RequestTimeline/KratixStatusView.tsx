import { Link } from '@backstage/core-components';
import {
  KRATIX_WAITING_REASONS,
  KratixRequest,
  KratixStatus,
} from '@homelab-portal/plugin-kratix-common';
import { Chip, Typography } from '@material-ui/core';

/** "3 min", "2 h 5 min", "4 d 3 h": how long, for people. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "for 12 min (since 25/11/2026, 10:07:00)", or nothing without a time. */
export function sinceText(since: string | undefined, now = Date.now()) {
  const at = since ? Date.parse(since) : NaN;
  if (Number.isNaN(at)) return '';
  const lasting = formatDuration(now - at);
  return `${lasting ? `for ${lasting} ` : ''}(since ${new Date(
    at,
  ).toLocaleString()})`;
}

/** The chip for a request: its state, or while synced what Kratix says. */
export function displayState(request: KratixRequest): {
  key: string;
  label: string;
  color: 'primary' | 'secondary' | 'default';
} {
  if (request.state === 'synced' && request.kratix) {
    if (request.kratix.phase === 'needs-approval') {
      return {
        key: 'needs-approval',
        label: 'Needs approval',
        color: 'secondary',
      };
    }
    if (request.kratix.phase === 'waiting') {
      return { key: 'waiting', label: 'Waiting', color: 'default' };
    }
  }
  const labels: Record<KratixRequest['state'], string> = {
    'pr-open': 'PR open',
    merged: 'Merged',
    closed: 'Closed',
    synced: 'Synced',
    ready: 'Ready',
    failed: 'Failed',
  };
  let color: 'primary' | 'secondary' | 'default' = 'default';
  if (request.state === 'ready') color = 'primary';
  if (request.state === 'failed' || request.state === 'closed') {
    color = 'secondary';
  }
  return { key: request.state, label: labels[request.state], color };
}

/** Only web links become links. */
const isWebUrl = (url: string | undefined): url is string =>
  Boolean(url && /^https?:\/\//i.test(url));

/**
 * What Kratix says of a request, in full: waiting (its reason, what the
 * reason means, and for how long), needs approval (the pipeline, its message
 * and where to approve it), or failed (the reason and the failing pipeline or
 * works). Everything upstream is shown as text.
 */
export const KratixStatusView = ({
  status,
  compact,
}: {
  status: KratixStatus;
  compact?: boolean;
}) => {
  const variant = compact ? 'caption' : 'body2';
  const since = sinceText(status.since);
  if (status.phase === 'needs-approval') {
    return (
      <div data-testid="kratix-needs-approval">
        <Typography variant={variant} component="div">
          {compact ? null : (
            <>
              <Chip size="small" color="secondary" label="Needs approval" />{' '}
            </>
          )}
          {status.pipeline
            ? `Pipeline ${status.pipeline} suspended the workflow`
            : 'A pipeline suspended the workflow'}
          {status.message ? `: ${status.message}` : ''}
        </Typography>
        <Typography variant={variant} component="div">
          {isWebUrl(status.approvalUrl) ? (
            <Link
              to={status.approvalUrl}
              target="_blank"
              rel="noopener noreferrer"
            >
              Approve the workflow
            </Link>
          ) : (
            'Approve it in the cluster: remove its kratix.io/workflow-suspended label'
          )}
          {since ? ` · waiting ${since}` : ''}
        </Typography>
      </div>
    );
  }
  if (status.phase === 'failed') {
    return (
      <div data-testid="kratix-failed">
        <Typography variant={variant} component="div" color="error">
          {status.reason}
          {status.pipeline ? ` (pipeline ${status.pipeline})` : ''}
          {status.message ? `: ${status.message}` : ''}
        </Typography>
        {since && !compact ? (
          <Typography variant={variant} component="div">
            Failing {since}
          </Typography>
        ) : null}
      </div>
    );
  }
  if (status.phase === 'waiting') {
    const meaning = compact ? undefined : KRATIX_WAITING_REASONS[status.reason];
    return (
      <div data-testid="kratix-waiting">
        <Typography variant={variant} component="div">
          {compact ? '' : 'Waiting: '}
          {status.reason}
          {meaning ? ` (${meaning})` : ''}
          {status.message ? `${compact ? ':' : '.'} ${status.message}` : ''}
        </Typography>
        {since ? (
          <Typography variant={variant} component="div">
            Waiting {since}
          </Typography>
        ) : null}
      </div>
    );
  }
  return (
    <Typography variant={variant} component="div">
      {status.reason}
      {status.message && status.message !== status.reason
        ? `: ${status.message}`
        : ''}
    </Typography>
  );
};
