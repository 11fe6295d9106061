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

const DAYS = 91;
const CELL = 14;
const WEEKDAYS = ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'];

/** The last 13 weeks as UTC dates, oldest first, ending today. */
export function calendarDates(now: Date = new Date()): string[] {
  return Array.from({ length: DAYS }, (_, i) =>
    new Date(
      Date.UTC(
        now.getUTCFullYear(),
        now.getUTCMonth(),
        now.getUTCDate() - (DAYS - 1) + i,
      ),
    )
      .toISOString()
      .slice(0, 10),
  );
}

/** A day's colour: grey without runs, red if one failed, greener for more good runs. */
function useDayColour(most: number) {
  const theme = useTheme();
  return (day: { succeeded: number; failed: number }) => {
    if (day.failed > 0) return theme.palette.error.main;
    if (day.succeeded > 0) {
      return `rgba(46, 125, 50, ${0.3 + (0.7 * day.succeeded) / most})`;
    }
    return theme.palette.action.hover;
  };
}

const Swatch = ({ colour }: { colour: string }) => (
  <span
    style={{
      display: 'inline-block',
      width: CELL,
      height: CELL,
      borderRadius: 2,
      background: colour,
      flex: 'none',
    }}
  />
);

/** What the calendar's colours mean, with the day's run counts they stand for. */
const CalendarLegend = ({ most }: { most: number }) => {
  const colour = useDayColour(most);
  const mid = Math.max(1, Math.round(most / 2));
  const goodScale = [...new Set([1, mid, most])];
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      mt={2}
      style={{ gap: 24 }}
      role="list"
      aria-label="Legend"
      data-testid="backups-calendar-legend"
    >
      <Box
        display="flex"
        alignItems="center"
        style={{ gap: 6 }}
        role="listitem"
      >
        <Swatch colour={colour({ succeeded: 0, failed: 0 })} />
        <Typography variant="body2">No run that day</Typography>
      </Box>
      <Box
        display="flex"
        alignItems="center"
        style={{ gap: 6 }}
        role="listitem"
      >
        {goodScale.map(n => (
          <Swatch key={n} colour={colour({ succeeded: n, failed: 0 })} />
        ))}
        <Typography variant="body2">
          {most === 1
            ? 'Good runs, none failed'
            : `Good runs, none failed: 1 (light) to ${most} (dark) a day`}
        </Typography>
      </Box>
      <Box
        display="flex"
        alignItems="center"
        style={{ gap: 6 }}
        role="listitem"
      >
        <Swatch colour={colour({ succeeded: 0, failed: 1 })} />
        <Typography variant="body2">At least one run failed</Typography>
      </Box>
    </Box>
  );
};

/**
 * A calendar heat map of the last 13 weeks' runs, a square a day and a
 * column a week (Monday on top), with a legend: greener for more good
 * runs, red where one failed.
 */
const RunCalendar = ({
  dates,
  days,
}: {
  dates: string[];
  days: BackupsOverview['days'];
}) => {
  const byDate = new Map(days.map(d => [d.date, d]));
  const cells = dates.map(date => ({
    ...(byDate.get(date) ?? { succeeded: 0, failed: 0 }),
    date,
  }));
  const most = Math.max(1, ...cells.map(c => c.succeeded));
  const colour = useDayColour(most);
  // Rows are weekdays: the first column starts on the first day's weekday.
  const offset = (new Date(`${cells[0].date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return (
    <>
      <Box
        display="grid"
        gridTemplateRows={`repeat(7, ${CELL}px)`}
        gridTemplateColumns="auto"
        gridAutoColumns={`${CELL}px`}
        gridAutoFlow="column"
        gridGap="3px"
        data-testid="backups-calendar"
        style={{ width: 'fit-content' }}
      >
        {WEEKDAYS.map((label, i) => (
          <Typography
            key={`weekday-${i}`}
            variant="caption"
            color="textSecondary"
            aria-hidden
            style={{ lineHeight: `${CELL}px`, paddingRight: 6 }}
          >
            {label}
          </Typography>
        ))}
        {Array.from({ length: offset }, (_, i) => (
          <span key={`before-${i}`} aria-hidden />
        ))}
        {cells.map(cell => (
          <div
            key={cell.date}
            title={`${cell.date}: ${cell.succeeded} good, ${cell.failed} failed`}
            aria-label={`${cell.date}: ${cell.succeeded} good, ${cell.failed} failed`}
            style={{
              width: CELL,
              height: CELL,
              borderRadius: 2,
              background: colour(cell),
            }}
          />
        ))}
      </Box>
      <CalendarLegend most={most} />
    </>
  );
};

/** Compliance per policy, what is unprotected, and a calendar of runs. */
export const BackupsPage = () => {
  const api = useApi(backupsApiRef);
  const { value, loading, error } = useAsync(() => api.getOverview(), [api]);
  const dates = calendarDates();
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title="Runs, last 13 weeks"
            subheader={`Backup runs per day, ${dates[0]} to ${
              dates[dates.length - 1]
            } (UTC): a square a day, a column a week, oldest on the left`}
          >
            <RunCalendar dates={dates} days={value.days} />
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
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="center"
          mb={2}
        >
          <Typography variant="body2">
            Could the homelab recover by each of its four procedures?{' '}
            <Link to="/backups/readiness">Recovery readiness</Link>
          </Typography>
          {value && <DemoChip source={value.source} />}
        </Box>
        {body}
      </Content>
    </Page>
  );
};
