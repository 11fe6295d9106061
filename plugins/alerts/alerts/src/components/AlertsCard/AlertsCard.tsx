import { useState } from 'react';
import {
  InfoCard,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import {
  ANNOTATION_ALERT_MATCHERS,
  isAlertsAvailable,
} from '@homelab-portal/plugin-alerts-common';
import useAsync from 'react-use/esm/useAsync';
import { alertsApiRef } from '../../api';
import { ActiveAlertsTable } from '../common/ActiveAlertsTable';
import { DemoChip } from '../common/DemoChip';
import { Stats } from '../common/Stats';

/** The entity's active alerts, with silence and acknowledge for those allowed. */
export const AlertsCard = () => {
  const { entity } = useEntity();
  const api = useApi(alertsApiRef);
  const ref = stringifyEntityRef(entity);
  const available = isAlertsAvailable(entity);
  const [version, setVersion] = useState(0);
  const { value, loading, error } = useAsync(
    async () => (available ? api.getEntityAlerts(ref) : undefined),
    [api, ref, available, version],
  );

  if (!available) {
    return (
      <MissingAnnotationEmptyState annotation={ANNOTATION_ALERT_MATCHERS} />
    );
  }
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <InfoCard
      title="Alerts"
      subheader={value && <DemoChip source={value.source} />}
    >
      {loading && !value && <Progress />}
      {value && (
        <>
          <Stats stats={value.stats} />
          {value.alerts.length === 0 ? (
            <Typography variant="body2" data-testid="alerts-none">
              No active alerts.
            </Typography>
          ) : (
            <ActiveAlertsTable
              label="Active alerts"
              alerts={value.alerts}
              onChange={() => setVersion(v => v + 1)}
            />
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
        </>
      )}
    </InfoCard>
  );
};
