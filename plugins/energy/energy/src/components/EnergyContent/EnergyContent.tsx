import { useState } from 'react';
import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
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
import { EnergyRange, energyApiRef } from '../../api';
import { PowerChart } from '../charts';
import { DemoChip } from '../common/DemoChip';
import { FiguresTable } from '../common/FiguresTable';
import { Warnings } from '../common/Warnings';
import { formatKWh, formatWatts } from '../common/format';

const RANGES: EnergyRange[] = ['1h', '6h', '24h', '7d', '30d'];

/** The entity's energy tab: power over a chosen range, figures, and parts. */
export const EnergyContent = () => {
  const { entity } = useEntity();
  const api = useApi(energyApiRef);
  const ref = stringifyEntityRef(entity);
  const [range, setRange] = useState<EnergyRange>('24h');
  const summary = useAsync(() => api.getSummary(ref), [api, ref]);
  const series = useAsync(() => api.getSeries(ref, range), [api, ref, range]);

  if (summary.error) {
    return <ResponseErrorPanel error={summary.error} />;
  }
  return (
    <Content noPadding>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title={`Power, last ${range}`}
            subheader={
              summary.value && <DemoChip source={summary.value.source} />
            }
            action={
              <ToggleButtonGroup
                size="small"
                exclusive
                value={range}
                onChange={(_e, value) => value && setRange(value)}
                aria-label="Range"
              >
                {RANGES.map(r => (
                  <ToggleButton key={r} value={r} aria-label={r}>
                    {r}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            }
          >
            {series.loading && <Progress />}
            {series.error && <ResponseErrorPanel error={series.error} />}
            {series.value && (
              <>
                <PowerChart
                  points={series.value.points}
                  stepSeconds={series.value.stepSeconds}
                />
                <Typography variant="caption" color="textSecondary">
                  Average power per {series.value.stepSeconds / 60} min
                </Typography>
                <Warnings warnings={series.value.warnings} />
              </>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Energy, cost and CO₂">
            {summary.loading && <Progress />}
            {summary.value && (
              <>
                <Typography variant="h5" gutterBottom>
                  {formatWatts(summary.value.powerW)} now
                </Typography>
                <FiguresTable
                  windows={summary.value.windows}
                  currency={summary.value.tariff.currency}
                />
                <Typography variant="caption" color="textSecondary">
                  At {summary.value.tariff.pricePerKWh}{' '}
                  {summary.value.tariff.currency}/kWh and{' '}
                  {summary.value.tariff.gridIntensityGramsPerKWh} g CO₂/kWh
                </Typography>
                <Warnings warnings={summary.value.warnings} />
              </>
            )}
          </InfoCard>
        </Grid>
        {summary.value?.parts && (
          <Grid item xs={12} md={6}>
            <InfoCard
              title="Parts"
              subheader={
                summary.value.parts.some(part =>
                  part.entityRef.startsWith('resource:'),
                )
                  ? 'This System holds hardware, so it counts the hardware only: the services on it use a share of the same energy. On the Energy page each watt counts once, so there a node’s energy counts under the services that run on it.'
                  : 'The parts add up to the figures: a service is its pods’ share of their nodes’ energy.'
              }
            >
              <Table size="small" aria-label="Parts">
                <TableHead>
                  <TableRow>
                    <TableCell>Part</TableCell>
                    <TableCell align="right">Power now</TableCell>
                    <TableCell align="right">Energy, 24 h</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {summary.value.parts.map(part => (
                    <TableRow key={part.entityRef}>
                      <TableCell>
                        <EntityRefLink
                          entityRef={part.entityRef}
                          title={part.title}
                        />
                      </TableCell>
                      <TableCell align="right">
                        {formatWatts(part.powerW)}
                      </TableCell>
                      <TableCell align="right">
                        {formatKWh(part.energyKWh24h)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </InfoCard>
          </Grid>
        )}
      </Grid>
    </Content>
  );
};
