import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Decision,
  decisionApprovePermission,
} from '@homelab-portal/plugin-cybernetics-common';
import { Box, Button, TextField, Typography } from '@material-ui/core';
import { useState } from 'react';
import { cyberneticsApiRef } from '../../api';

/**
 * Approve and reject, for people with the permission, on a proposed
 * decision (reject also on an observed one). Nothing else changes anything.
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
  const canApprove =
    decision.state === 'proposed' && decision.action.type !== 'none';
  const canReject =
    decision.state === 'proposed' || decision.state === 'observed';
  if (loading || !allowed || (!canApprove && !canReject)) return null;
  const act = async (verb: 'approve' | 'reject') => {
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
