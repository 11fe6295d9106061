import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { DemoChip, RiskChip, StateChip, stateLabel } from './chips';
import { NotExecutable, ReviewButtons } from './ReviewButtons';

/** Only web links become links; anything else stays text. */
const WebLink = ({ url }: { url: string }) =>
  /^https?:\/\//i.test(url) ? (
    <Link to={url} target="_blank" rel="noopener noreferrer">
      {url}
    </Link>
  ) : (
    <>{url}</>
  );

/**
 * One decision as a timeline: evidence, diagnosis, the proposed change (with
 * its diff), rationale, the model's advice (text only), and the audit of
 * every transition, with the review buttons for those allowed.
 */
export const DecisionDetail = ({
  decision,
  onChange,
}: {
  decision: Decision;
  onChange: (decision: Decision) => void;
}) => (
  <InfoCard
    title={decision.title}
    subheader={
      <Box display="flex" style={{ gap: 8 }}>
        <StateChip state={decision.state} />
        <RiskChip risk={decision.risk} />
        <DemoChip source={decision.source} />
      </Box>
    }
  >
    <Typography variant="body2" gutterBottom>
      <EntityRefLink entityRef={decision.entityRef} /> · policy{' '}
      {decision.policy} · {decision.autonomy}
    </Typography>
    <Typography variant="h6">Evidence</Typography>
    <Table size="small" aria-label="Evidence">
      <TableBody>
        {decision.evidence.map((e, i) => (
          <TableRow key={i}>
            <TableCell>{e.label}</TableCell>
            <TableCell>{e.value}</TableCell>
            <TableCell>
              <code>{e.query ?? ''}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    <Typography variant="h6">Diagnosis</Typography>
    <Typography variant="body2">{decision.diagnosis}</Typography>
    <Typography variant="h6">
      Proposed action: {decision.action.title}
    </Typography>
    {decision.action.type === 'page' && (
      <Typography variant="body2" component="div" aria-label="Page">
        Critical page to {decision.action.recipients.join(', ')}
        {decision.action.escalateTo.length > 0
          ? `; escalates to ${decision.action.escalateTo.join(', ')} after ${
              decision.action.escalateAfterMinutes
            } minutes unless acknowledged.`
          : '.'}
        {decision.paging && (
          <ul>
            <li>
              Paged at {new Date(decision.paging.pagedAt).toLocaleString()}
            </li>
            {decision.paging.acknowledgedAt ? (
              <li>
                Acknowledged by {decision.paging.acknowledgedBy} at{' '}
                {new Date(decision.paging.acknowledgedAt).toLocaleString()}
              </li>
            ) : (
              <li>Not acknowledged yet</li>
            )}
            {decision.paging.escalatedAt && (
              <li>
                Escalated to {decision.paging.escalateTo.join(', ')} at{' '}
                {new Date(decision.paging.escalatedAt).toLocaleString()}
              </li>
            )}
          </ul>
        )}
      </Typography>
    )}
    {decision.action.type === 'investigation' && (
      <>
        <Typography variant="body2">
          An investigation, not a change. Questions to answer from the evidence
          above:
        </Typography>
        <ol aria-label="Questions">
          {decision.action.questions.map((q, i) => (
            <li key={i}>
              <Typography variant="body2">{q}</Typography>
            </li>
          ))}
        </ol>
      </>
    )}
    <Typography variant="body2">
      {decision.action.type === 'silence' &&
        `A silence of ${decision.action.durationMinutes} minutes on ${decision.action.alertmanager}`}
      {decision.action.type === 'none' &&
        'No change: this finding is for people to look at'}
      {'file' in decision.action &&
        `${decision.action.type} in ${decision.action.file}`}
    </Typography>
    {'diff' in decision.action && (
      <pre aria-label="Diff" style={{ overflowX: 'auto', fontSize: 12 }}>
        {decision.action.diff}
      </pre>
    )}
    <Typography variant="h6">Rationale</Typography>
    <Typography variant="body2">{decision.rationale}</Typography>
    {decision.runbook && /^\/docs\//.test(decision.runbook.url) && (
      <Typography variant="body2">
        Runbook: <Link to={decision.runbook.url}>{decision.runbook.title}</Link>
      </Typography>
    )}
    {decision.advisory && (
      <>
        <Typography variant="h6">
          Advice from {decision.advisory.model} (text only; never acted on)
        </Typography>
        <Typography
          variant="body2"
          data-testid="decision-advice"
          style={{ whiteSpace: 'pre-wrap' }}
        >
          {decision.advisory.text}
        </Typography>
      </>
    )}
    {decision.pullRequestUrl && (
      <Typography variant="body2">
        Pull request: <WebLink url={decision.pullRequestUrl} />
      </Typography>
    )}
    <Box my={2} display="flex" flexDirection="column" style={{ gap: 16 }}>
      <NotExecutable decision={decision} />
      <ReviewButtons decision={decision} onChange={onChange} />
    </Box>
    <Typography variant="h6">Audit</Typography>
    <List dense aria-label="Audit">
      {decision.audit.map((a, i) => (
        <ListItem key={i}>
          <ListItemText
            primary={`${new Date(a.at).toLocaleString()} · ${
              a.from ? `${stateLabel(a.from)} → ` : ''
            }${stateLabel(a.to)} · ${a.actor}`}
            secondary={a.note}
          />
        </ListItem>
      ))}
    </List>
  </InfoCard>
);
