import { Fragment, useState } from 'react';
import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
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
import {
  ActiveAlert,
  alertsSilenceExpirePermission,
  formatMatcher,
} from '@homelab-portal/plugin-alerts-common';
import useAsync from 'react-use/esm/useAsync';
import { alertsApiRef } from '../../api';
import { ActiveAlertsTable } from '../common/ActiveAlertsTable';
import { DemoChip } from '../common/DemoChip';

const SEVERITY_ORDER = ['critical', 'warning', 'info'];

function bySeverity(alerts: ActiveAlert[]): Array<[string, ActiveAlert[]]> {
  const groups = new Map<string, ActiveAlert[]>();
  for (const alert of alerts) {
    groups.set(alert.severity, [...(groups.get(alert.severity) ?? []), alert]);
  }
  const rank = (s: string) =>
    SEVERITY_ORDER.includes(s) ? SEVERITY_ORDER.indexOf(s) : 99;
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([severity, list]) => [
      severity,
      [...list].sort((x, y) =>
        (x.entityRefs[0] ?? '~').localeCompare(y.entityRefs[0] ?? '~'),
      ),
    ]);
}

/** The whole homelab's alerts, by severity and entity, and the silences. */
export const AlertsPage = () => {
  const api = useApi(alertsApiRef);
  const alertApi = useApi(alertApiRef);
  const [version, setVersion] = useState(0);
  const overview = useAsync(() => api.getOverview(), [api, version]);
  const silences = useAsync(() => api.getSilences(), [api, version]);
  const { allowed: canExpire } = usePermission({
    permission: alertsSilenceExpirePermission,
  });
  const refresh = () => setVersion(v => v + 1);

  let body;
  if (overview.loading && !overview.value) {
    body = <Progress />;
  } else if (overview.error) {
    body = <ResponseErrorPanel error={overview.error} />;
  } else if (overview.value && overview.value.alerts.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No active alerts"
        description="Nothing is firing in the homelab."
      />
    );
  } else if (overview.value) {
    body = (
      <Grid container spacing={3}>
        {bySeverity(overview.value.alerts).map(([severity, alerts]) => (
          <Grid item xs={12} key={severity}>
            <InfoCard title={`${severity} (${alerts.length})`}>
              <ActiveAlertsTable
                label={`${severity} alerts`}
                alerts={alerts}
                onChange={refresh}
                showEntities
                showSeverity={false}
              />
            </InfoCard>
          </Grid>
        ))}
      </Grid>
    );
  }

  const active =
    silences.value?.silences.filter(s => s.state !== 'expired') ?? [];
  return (
    <Page themeId="tool">
      <Header
        title="Alerts"
        subtitle="What is firing in the homelab, on which entity"
      />
      <Content>
        <Box display="flex" justifyContent="flex-end" mb={2}>
          {overview.value && <DemoChip source={overview.value.source} />}
        </Box>
        {body}
        <Box mt={3}>
          <InfoCard title="Silences">
            {silences.error && <ResponseErrorPanel error={silences.error} />}
            {silences.value && active.length === 0 && (
              <Typography variant="body2">No silences.</Typography>
            )}
            {active.length > 0 && (
              <Table size="small" aria-label="Silences">
                <TableHead>
                  <TableRow>
                    <TableCell>Matchers</TableCell>
                    <TableCell>Why</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {active.map(silence => (
                    <TableRow key={`${silence.alertmanager}/${silence.id}`}>
                      <TableCell>
                        {silence.matchers.map((matcher, i) => (
                          <Fragment key={i}>
                            {i > 0 && ', '}
                            {/* a matcher wraps only between matchers */}
                            <code style={{ whiteSpace: 'nowrap' }}>
                              {formatMatcher(matcher)}
                            </code>
                          </Fragment>
                        ))}
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          component="p"
                        >
                          until {new Date(silence.endsAt).toLocaleString()}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        <Typography variant="body2">
                          {silence.comment}
                        </Typography>
                        <Typography
                          variant="caption"
                          color="textSecondary"
                          component="p"
                        >
                          by <span>{silence.createdBy}</span>
                        </Typography>
                      </TableCell>
                      <TableCell align="right">
                        {canExpire && (
                          <Button
                            size="small"
                            onClick={async () => {
                              try {
                                await api.expireSilence(
                                  silence.alertmanager,
                                  silence.id,
                                );
                                refresh();
                              } catch (error) {
                                alertApi.post({
                                  message: String(error),
                                  severity: 'error',
                                });
                              }
                            }}
                          >
                            Expire
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </InfoCard>
        </Box>
        {overview.value?.warnings.map(w => (
          <Typography
            key={w}
            variant="caption"
            color="textSecondary"
            component="p"
          >
            ⚠ {w}
          </Typography>
        ))}
      </Content>
    </Page>
  );
};
