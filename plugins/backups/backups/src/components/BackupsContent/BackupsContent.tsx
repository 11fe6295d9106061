import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { backupsApiRef } from '../../api';
import { DemoChip } from '../common/DemoChip';

/** The entity's backup history: runs with failures and their reasons, and restores. */
export const BackupsContent = () => {
  const { entity } = useEntity();
  const api = useApi(backupsApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntity(ref),
    [api, ref],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  return (
    <Content noPadding>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title="Backup runs"
            subheader={<DemoChip source={value.source} />}
          >
            {value.runs.length === 0 ? (
              <Typography variant="body2">
                No backup runs found for this entity.
              </Typography>
            ) : (
              <Table size="small" aria-label="Backup runs">
                <TableHead>
                  <TableRow>
                    <TableCell>When</TableCell>
                    <TableCell>Tool</TableCell>
                    <TableCell>Backup</TableCell>
                    <TableCell>Phase</TableCell>
                    <TableCell>Reason</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.runs.map(run => (
                    <TableRow key={`${run.tool}/${run.id}`}>
                      <TableCell>
                        {run.completedAt || run.startedAt
                          ? new Date(
                              (run.completedAt ?? run.startedAt)!,
                            ).toLocaleString()
                          : 'no time recorded'}
                      </TableCell>
                      <TableCell>{run.tool}</TableCell>
                      <TableCell>{run.id}</TableCell>
                      <TableCell>{run.phase || '(none)'}</TableCell>
                      <TableCell>{run.failureReason ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Restores">
            {value.restores.length === 0 ? (
              <Typography variant="body2">
                No restore of this entity's backups on record.
              </Typography>
            ) : (
              <Table size="small" aria-label="Restores">
                <TableHead>
                  <TableRow>
                    <TableCell>When</TableCell>
                    <TableCell>Restore</TableCell>
                    <TableCell>From backup</TableCell>
                    <TableCell>Outcome</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.restores.map(restore => (
                    <TableRow key={restore.id}>
                      <TableCell>
                        {restore.completedAt
                          ? new Date(restore.completedAt).toLocaleString()
                          : 'not finished'}
                      </TableCell>
                      <TableCell>{restore.id}</TableCell>
                      <TableCell>{restore.backupName}</TableCell>
                      <TableCell>{restore.outcome}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
};
