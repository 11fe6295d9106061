import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
} from '@material-ui/core';
import {
  ActiveAlert,
  alertsSilenceCreatePermission,
  formatMatcher,
} from '@homelab-portal/plugin-alerts-common';
import { alertsApiRef } from '../../api';

const DURATIONS = [
  [60, '1 hour'],
  [240, '4 hours'],
  [1440, '1 day'],
  [10080, '1 week'],
] as const;

/** Matchers that pick this alert on its target: its name and what it is on. */
function defaultMatchers(alert: ActiveAlert): string {
  const target = ['node', 'service', 'instance', 'namespace'].find(
    key => alert.labels[key] !== undefined,
  );
  return ['alertname', ...(target ? [target] : [])]
    .filter(key => alert.labels[key] !== undefined)
    .map(key =>
      formatMatcher({
        name: key,
        value: alert.labels[key],
        isRegex: false,
        isEqual: true,
      }),
    )
    .join(', ');
}

/** Silence and acknowledge, for those allowed to. */
export const AlertActions = ({
  alert,
  onChange,
}: {
  alert: ActiveAlert;
  onChange: () => void;
}) => {
  const api = useApi(alertsApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = usePermission({
    permission: alertsSilenceCreatePermission,
  });
  const [open, setOpen] = useState(false);
  const [matchers, setMatchers] = useState(() => defaultMatchers(alert));
  const [minutes, setMinutes] = useState<number>(240);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  if (!allowed) return null;

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
      setOpen(false);
      onChange();
    } catch (error) {
      alertApi.post({
        message: String(
          (error as { body?: { error?: { message?: string } } } | undefined)
            ?.body?.error?.message ?? error,
        ),
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        disabled={busy}
        onClick={() =>
          run(
            () =>
              api.acknowledge({
                alertmanager: alert.alertmanager,
                fingerprint: alert.fingerprint,
              }),
            `${alert.alertname} acknowledged`,
          )
        }
      >
        Acknowledge
      </Button>
      <Button size="small" disabled={busy} onClick={() => setOpen(true)}>
        Silence
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle>Silence {alert.alertname}</DialogTitle>
        <DialogContent>
          <TextField
            id={`silence-matchers-${alert.fingerprint}`}
            label="Matchers"
            helperText='Alertmanager matchers, such as alertname="DiskFull", node="nas"'
            value={matchers}
            onChange={e => setMatchers(e.target.value)}
            fullWidth
            margin="dense"
          />
          <TextField
            id={`silence-duration-${alert.fingerprint}`}
            select
            label="For"
            value={minutes}
            onChange={e => setMinutes(Number(e.target.value))}
            fullWidth
            margin="dense"
          >
            {DURATIONS.map(([value, label]) => (
              <MenuItem key={value} value={value}>
                {label}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id={`silence-comment-${alert.fingerprint}`}
            label="Why"
            value={comment}
            onChange={e => setComment(e.target.value)}
            fullWidth
            margin="dense"
            required
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            color="primary"
            disabled={busy || !comment.trim() || !matchers.trim()}
            onClick={() =>
              run(
                () =>
                  api.createSilence({
                    alertmanager: alert.alertmanager,
                    matchers,
                    durationMinutes: minutes,
                    comment,
                  }),
                `${alert.alertname} silenced`,
              )
            }
          >
            Silence
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
