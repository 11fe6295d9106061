import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useTheme,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { BackupsOverview } from '@homelab-portal/plugin-backups-common';
import { backupsApiRef } from '../../api';
import { DemoChip } from '../common/DemoChip';
import { RpoChip, ago, protectLink } from '../common/status';

/** A calendar heat map of the last 13 weeks' runs: greener for more good runs, red where one failed. */
const RunCalendar = ({ days }: { days: BackupsOverview['days'] }) => {
  const theme = useTheme();
  const byDate = new Map(days.map(d => [d.date, d]));
  const today = new Date();
  const cells = Array.from({ length: 91 }, (_, i) => {
    const date = new Date(
      Date.UTC(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate() - 90 + i,
      ),
    )
      .toISOString()
      .slice(0, 10);
    return { ...(byDate.get(date) ?? { succeeded: 0, failed: 0 }), date };
  });
  const most = Math.max(1, ...cells.map(c => c.succeeded));
  return (
    <Box
      display="grid"
      gridTemplateRows="repeat(7, 14px)"
      gridAutoFlow="column"
      gridGap="3px"
      data-testid="backups-calendar"
    >
      {cells.map(cell => {
        let background: string = theme.palette.action.hover;
        if (cell.failed > 0) background = theme.palette.error.main;
        else if (cell.succeeded > 0)
          background = `rgba(46, 125, 50, ${
            0.3 + (0.7 * cell.succeeded) / most
          })`;
        return (
          <div
            key={cell.date}
            title={`${cell.date}: ${cell.succeeded} good, ${cell.failed} failed`}
            aria-label={`${cell.date}: ${cell.succeeded} good, ${cell.failed} failed`}
            style={{ width: 14, height: 14, borderRadius: 2, background }}
          />
        );
      })}
    </Box>
  );
};

/** Compliance per policy, what is unprotected, and a calendar of runs. */
export const BackupsPage = () => {
  const api = useApi(backupsApiRef);
  const { value, loading, error } = useAsync(() => api.getOverview(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Runs, last 13 weeks">
            <RunCalendar days={value.days} />
          </InfoCard>
        </Grid>
        {value.policies.map(({ policy, entities }) => {
          const ok = entities.filter(e => e.rpo === 'ok').length;
          return (
            <Grid item xs={12} md={6} key={policy.name}>
              <InfoCard
                title={`${policy.title}: ${ok} of ${entities.length} within RPO`}
                subheader={`${policy.tool}, every ${
                  policy.rpoSeconds / 3600
                } h at most, kept ${
                  policy.retentionSeconds === null
                    ? 'forever'
                    : `${policy.retentionSeconds / 86400} days`
                }`}
              >
                <Table size="small" aria-label={`${policy.title} compliance`}>
                  <TableHead>
                    <TableRow>
                      <TableCell>Entity</TableCell>
                      <TableCell>RPO</TableCell>
                      <TableCell>Last good</TableCell>
                      <TableCell>Retention</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {entities.map(e => (
                      <TableRow key={e.entityRef}>
                        <TableCell>
                          <EntityRefLink
                            entityRef={e.entityRef}
                            title={e.title}
                          />
                        </TableCell>
                        <TableCell>
                          <RpoChip rpo={e.rpo} />
                        </TableCell>
                        <TableCell>{ago(e.lastGoodAt)}</TableCell>
                        <TableCell>{e.retention}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </InfoCard>
            </Grid>
          );
        })}
        <Grid item xs={12}>
          <InfoCard
            title={`Unprotected: ${value.unprotected.length} services with no policy`}
          >
            <Table size="small" aria-label="Unprotected services">
              <TableBody>
                {value.unprotected.map(u => (
                  <TableRow key={u.entityRef}>
                    <TableCell>
                      <EntityRefLink entityRef={u.entityRef} title={u.title} />
                    </TableCell>
                    <TableCell align="right">
                      <Link to={protectLink(u.entityRef)}>
                        Protect this service
                      </Link>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>
        {value.warnings.map(w => (
          <Grid item xs={12} key={w}>
            <Typography variant="caption" color="textSecondary">
              ⚠ {w}
            </Typography>
          </Grid>
        ))}
      </Grid>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Backups"
        subtitle="Is every service protected, and can it be restored?"
      />
      <Content>
        <Box display="flex" justifyContent="flex-end" mb={2}>
          {value && <DemoChip source={value.source} />}
        </Box>
        {body}
      </Content>
    </Page>
  );
};
