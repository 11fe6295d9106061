import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { backupsApiRef } from '../../api';
import { DemoChip } from '../common/DemoChip';
import { ReadinessChip, drillLink, recoveryTime } from '../common/readiness';

/**
 * This entity in each of the seed's four recovery procedures, each with its
 * runbook, and its last verified restore with the measured time to recover.
 */
export const RecoveryCard = () => {
  const { entity } = useEntity();
  const api = useApi(backupsApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntityRecovery(ref),
    [api, ref],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) {
    return (
      <InfoCard title="Recovery readiness">
        <Progress />
      </InfoCard>
    );
  }
  const restore = value.lastVerifiedRestore;
  return (
    <InfoCard
      title="Recovery readiness"
      subheader={<DemoChip source={value.source} />}
      deepLink={{ title: 'All procedures', link: '/backups/readiness' }}
    >
      <Table size="small" aria-label="Recovery procedures">
        <TableBody>
          {value.procedures.map(p => (
            <TableRow key={p.id} data-testid={`recovery-card-${p.id}`}>
              <TableCell component="th" style={{ verticalAlign: 'top' }}>
                <Typography variant="body2" noWrap>
                  {p.title}
                </Typography>
                <ReadinessChip status={p.status} />
              </TableCell>
              <TableCell style={{ verticalAlign: 'top' }}>
                <Typography variant="body2">{p.summary}</Typography>
                <Link to={p.runbookUrl}>Runbook</Link>
              </TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell component="th">
              <Typography variant="body2">Last verified restore</Typography>
            </TableCell>
            <TableCell data-testid="recovery-card-last-restore">
              {restore ? (
                <Typography variant="body2">
                  {new Date(
                    restore.finishedAt ?? restore.startedAt,
                  ).toLocaleString()}{' '}
                  ({restore.tool} {restore.target}); measured time to recover
                  (RTO): {recoveryTime(restore.durationSeconds)}
                </Typography>
              ) : (
                <Typography variant="body2">
                  Never verified.{' '}
                  <Link to={drillLink(ref)}>Start a restore drill</Link> to
                  prove the backups restore and measure the time to recover.
                </Typography>
              )}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {value.drills.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          Last {value.drills.length} drill
          {value.drills.length === 1 ? '' : 's'}:{' '}
          {value.drills
            .map(
              d =>
                `${d.target} ${d.status}${
                  d.durationSeconds !== null
                    ? ` in ${recoveryTime(d.durationSeconds)}`
                    : ''
                }`,
            )
            .join(', ')}
        </Typography>
      )}
      {value.warnings.map(w => (
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
  );
};
