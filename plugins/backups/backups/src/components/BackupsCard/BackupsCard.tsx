import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { backupsApiRef } from '../../api';
import { DemoChip } from '../common/DemoChip';
import { RpoChip, ago, protectLink } from '../common/status';

/** The last good backup, the next run, the RPO status and the last restore. */
export const BackupsCard = () => {
  const { entity } = useEntity();
  const api = useApi(backupsApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntity(ref),
    [api, ref],
  );

  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) {
    return (
      <InfoCard title="Backups">
        <Progress />
      </InfoCard>
    );
  }
  if (!value.policy) {
    return (
      <InfoCard title="Backups" subheader={<DemoChip source={value.source} />}>
        <Typography variant="body2" paragraph data-testid="backups-unprotected">
          No backup policy applies to this entity.
        </Typography>
        <Link to={protectLink(ref)}>Protect this service</Link>
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Backups" subheader={<DemoChip source={value.source} />}>
      <StructuredMetadataTable
        metadata={{
          Policy: value.policy,
          RPO: <RpoChip rpo={value.rpo} />,
          'Last good backup': value.lastGood
            ? `${ago(value.lastGood.completedAt)} (${value.lastGood.tool} ${
                value.lastGood.id
              })`
            : 'none',
          'Next run': value.nextRunAt
            ? new Date(value.nextRunAt).toLocaleString()
            : 'not scheduled',
          Retention: value.retention,
          'Last restore drill': value.lastRestore
            ? `${ago(value.lastRestore.completedAt)} (${value.lastRestore.id})`
            : 'never',
        }}
      />
      {value.reasons.map(reason => (
        <Typography
          key={reason}
          variant="caption"
          color="textSecondary"
          component="p"
        >
          {reason}
        </Typography>
      ))}
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
