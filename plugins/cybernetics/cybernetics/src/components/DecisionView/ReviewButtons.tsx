import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Decision,
  DecisionExecutability,
  decisionApprovePermission,
  decisionExecutability,
} from '@homelab-portal/plugin-cybernetics-common';
import { Box, Button, Paper, TextField, Typography } from '@material-ui/core';
import InfoIcon from '@material-ui/icons/InfoOutlined';
import { useState } from 'react';
import { cyberneticsApiRef } from '../../api';

/**
 * Whether approving would carry the decision out: as the backend answers it,
 * which knows its configuration. A decision from elsewhere is judged as if
 * a GitOps repository were configured; the backend refuses it otherwise.
 */
export const executabilityOf = (decision: Decision): DecisionExecutability =>
  decision.executability ?? decisionExecutability(decision, { gitops: true });

/**
 * On an open decision that approving would not carry out: why not, and what
 * the person can do instead.
 */
export const NotExecutable = ({ decision }: { decision: Decision }) => {
  const executability = executabilityOf(decision);
  const open = decision.state === 'proposed' || decision.state === 'observed';
  if (executability.executable || !open) return null;
  return (
    <Paper
      variant="outlined"
      role="note"
      aria-label="Why this decision cannot be approved"
      data-testid="decision-not-executable"
    >
      <Box display="flex" p={2} style={{ gap: 12 }}>
        <InfoIcon color="primary" />
        <Box>
          <Typography variant="subtitle2" gutterBottom>
            Approve is not offered: approving would not carry this out
          </Typography>
          <Typography variant="body2" gutterBottom>
            {executability.reason}
          </Typography>
          <Typography variant="body2">
            <strong>What you can do:</strong> {executability.instead}
          </Typography>
        </Box>
      </Box>
    </Paper>
  );
};

/**
 * Approve and reject, for people with the permission: approve on a proposed
 * decision that can be carried out, reject on any open, unapproved one.
 * Nothing else changes anything.
 */
export const ReviewButtons = ({
  decision,
  onChange,
}: {
  decision: Decision;
  onChange: (decision: Decision) => void;
}) => {
  const api = useApi(cyberneticsApiRef);
  const { allowed, loading } = usePermission({
    permission: decisionApprovePermission,
  });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const canApprove = executabilityOf(decision).executable;
  const canReject =
    decision.state === 'proposed' || decision.state === 'observed';
  const canAcknowledge =
    decision.action.type === 'page' &&
    decision.state === 'executed' &&
    !!decision.paging &&
    !decision.paging.acknowledgedAt;
  if (loading || !allowed || (!canApprove && !canReject && !canAcknowledge)) {
    return null;
  }
  const act = async (verb: 'approve' | 'reject' | 'acknowledge') => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await api[verb](decision.id, comment || undefined));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <TextField
        id={`decision-comment-${decision.id}`}
        label="Comment"
        size="small"
        variant="outlined"
        value={comment}
        onChange={e => setComment(e.target.value)}
        inputProps={{ maxLength: 1000 }}
      />
      {canApprove && (
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={() => act('approve')}
        >
          Approve
        </Button>
      )}
      {canAcknowledge && (
        <Button
          variant="contained"
          color="primary"
          disabled={busy}
          onClick={() => act('acknowledge')}
        >
          Acknowledge page
        </Button>
      )}
      {canReject && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => act('reject')}
        >
          Reject
        </Button>
      )}
      {error && (
        <Typography color="error" variant="body2">
          {error}
        </Typography>
      )}
    </Box>
  );
};
