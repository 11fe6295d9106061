import { useEffect, useState } from 'react';
import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityAlertHistory } from '@homelab-portal/plugin-alerts-common';
import {
  Box,
  Button,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { alertsApiRef } from '../../api';
import { ActiveAlertsTable } from '../common/ActiveAlertsTable';
import { DemoChip } from '../common/DemoChip';
import { Severity } from '../common/SeverityChip';
import { Stats } from '../common/Stats';

const RANGES = [7, 30, 90];

/** The entity's alerts tab: active alerts, counts, MTTR, and the history timeline. */
export const AlertsContent = () => {
  const { entity } = useEntity();
  const api = useApi(alertsApiRef);
  const ref = stringifyEntityRef(entity);
  const [days, setDays] = useState(30);
  const [version, setVersion] = useState(0);
  const active = useAsync(() => api.getEntityAlerts(ref), [api, ref, version]);
  const history = useAsync(
    () => api.getHistory(ref, days),
    [api, ref, days, version],
  );
  // The server sends history a page at a time; older pages load on request.
  const [older, setOlder] = useState<EntityAlertHistory[]>([]);
  useEffect(() => setOlder([]), [ref, days, version]);
  const lastPage = older.length > 0 ? older[older.length - 1] : history.value;
  const events = history.value
    ? [...history.value.events, ...older.flatMap(page => page.events)]
    : [];
  const [more, loadMore] = useAsyncFn(async () => {
    if (!lastPage?.nextCursor) return;
    const page = await api.getHistory(ref, days, lastPage.nextCursor);
    setOlder(pages => [...pages, page]);
  }, [api, ref, days, lastPage]);

  return (
    <Content noPadding>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title="Active alerts"
            subheader={
              active.value && <DemoChip source={active.value.source} />
            }
          >
            {active.loading && !active.value && <Progress />}
            {active.error && <ResponseErrorPanel error={active.error} />}
            {active.value && (
              <>
                <Stats stats={active.value.stats} />
                {active.value.alerts.length === 0 ? (
                  <Typography variant="body2">No active alerts.</Typography>
                ) : (
                  <ActiveAlertsTable
                    label="Active alerts"
                    alerts={active.value.alerts}
                    onChange={() => setVersion(v => v + 1)}
                  />
                )}
              </>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={`History, last ${days} days`}
            action={
              <ToggleButtonGroup
                size="small"
                exclusive
                value={days}
                onChange={(_e, value) => value && setDays(value)}
                aria-label="Days"
              >
                {RANGES.map(d => (
                  <ToggleButton key={d} value={d} aria-label={`${d} days`}>
                    {d} d
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            }
          >
            {history.loading && !history.value && <Progress />}
            {history.error && <ResponseErrorPanel error={history.error} />}
            {history.value && events.length === 0 && (
              <Typography variant="body2">
                Nothing fired in {days} days (history starts when the portal
                first hears of an alert).
              </Typography>
            )}
            {history.value && events.length > 0 && (
              <>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  data-testid="alerts-history-count"
                >
                  {events.length} of {history.value.total} events, newest first
                </Typography>
                <Table size="small" aria-label="Alert history">
                  <TableHead>
                    <TableRow>
                      <TableCell>When</TableCell>
                      <TableCell>Alert</TableCell>
                      <TableCell>Severity</TableCell>
                      <TableCell>Event</TableCell>
                      <TableCell>Heard by</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {events.map(event => (
                      <TableRow
                        key={`${event.alertmanager}/${event.fingerprint}/${event.startsAt}/${event.status}`}
                      >
                        <TableCell>
                          {new Date(
                            event.status === 'resolved' && event.endsAt
                              ? event.endsAt
                              : event.startsAt,
                          ).toLocaleString()}
                        </TableCell>
                        <TableCell>{event.alertname}</TableCell>
                        <TableCell>
                          <Severity severity={event.severity} />
                        </TableCell>
                        <TableCell>
                          {event.status === 'firing' ? 'fired' : 'resolved'}
                        </TableCell>
                        <TableCell>{event.via}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
                {more.error && <ResponseErrorPanel error={more.error} />}
                {lastPage?.nextCursor && (
                  <Box mt={1}>
                    <Button
                      size="small"
                      variant="outlined"
                      disabled={more.loading}
                      onClick={() => loadMore()}
                    >
                      Older events
                    </Button>
                  </Box>
                )}
              </>
            )}
            {history.value?.warnings.map(w => (
              <Typography
                key={w}
                variant="caption"
                color="textSecondary"
                component="p"
              >
                ⚠ {w}
              </Typography>
            ))}
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
};
