import {
  InfoCard,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import {
  ANNOTATION_POWER_METRIC,
  isEnergyAvailable,
} from '@homelab-portal/plugin-energy-common';
import useAsync from 'react-use/esm/useAsync';
import { energyApiRef } from '../../api';
import { Sparkline } from '../charts';
import { DemoChip } from '../common/DemoChip';
import { FiguresTable } from '../common/FiguresTable';
import { Warnings } from '../common/Warnings';
import { formatWatts } from '../common/format';

/** Power now, energy, cost and CO2 of the entity, with the last day's sparkline. */
export const EnergyCard = () => {
  const { entity } = useEntity();
  const api = useApi(energyApiRef);
  const ref = stringifyEntityRef(entity);
  const available = isEnergyAvailable(entity);
  const state = useAsync(async () => {
    if (!available) return undefined;
    const [summary, series] = await Promise.all([
      api.getSummary(ref),
      api.getSeries(ref, '24h'),
    ]);
    return { summary, series };
  }, [api, ref, available]);

  if (!available) {
    return (
      <MissingAnnotationEmptyState
        annotation={[
          'backstage.io/kubernetes-namespace',
          ANNOTATION_POWER_METRIC,
        ]}
      />
    );
  }
  if (state.loading) {
    return (
      <InfoCard title="Energy">
        <Progress />
      </InfoCard>
    );
  }
  if (state.error || !state.value) {
    return <ResponseErrorPanel error={state.error ?? new Error('No answer')} />;
  }
  const { summary, series } = state.value;
  return (
    <InfoCard title="Energy" subheader={<DemoChip source={summary.source} />}>
      <Box display="flex" alignItems="baseline" mb={1}>
        <Typography variant="h4" data-testid="energy-power-now">
          {formatWatts(summary.powerW)}
        </Typography>
        <Box ml={1}>
          <Typography variant="body2" color="textSecondary">
            now
          </Typography>
        </Box>
      </Box>
      {series.points.some(p => p.w !== null) && (
        <Sparkline points={series.points} />
      )}
      <FiguresTable
        windows={summary.windows}
        currency={summary.tariff.currency}
      />
      <Warnings warnings={[...summary.warnings, ...series.warnings]} />
    </InfoCard>
  );
};
