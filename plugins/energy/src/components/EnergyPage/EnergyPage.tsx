import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { EnergyOverviewRow } from '@homelab-portal/plugin-energy-common';
import useAsync from 'react-use/esm/useAsync';
import { energyApiRef } from '../../api';
import { BarsChart } from '../charts';
import { DemoChip } from '../common/DemoChip';
import { Warnings } from '../common/Warnings';
import {
  formatCO2,
  formatKWh,
  formatMoney,
  formatWatts,
} from '../common/format';

const Figure = ({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId: string;
}) => (
  <InfoCard title={label} noPadding={false}>
    <Typography variant="h4" data-testid={testId}>
      {value}
    </Typography>
  </InfoCard>
);

const RowsTable = ({
  rows,
  currency,
  label,
}: {
  rows: EnergyOverviewRow[];
  currency: string;
  label: string;
}) => (
  <Table size="small" aria-label={label}>
    <TableHead>
      <TableRow>
        <TableCell>{label}</TableCell>
        <TableCell align="right">Now</TableCell>
        <TableCell align="right">24 h</TableCell>
        <TableCell align="right">Cost, 24 h</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {rows.map(row => (
        <TableRow key={row.entityRef}>
          <TableCell>
            <EntityRefLink entityRef={row.entityRef} title={row.title} />
          </TableCell>
          <TableCell align="right">{formatWatts(row.powerW)}</TableCell>
          <TableCell align="right">{formatKWh(row.energyKWh24h)}</TableCell>
          <TableCell align="right">
            {formatMoney(row.cost24h, currency)}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** The whole homelab's energy: totals, nodes, systems, top consumers, this month. */
export const EnergyPage = () => {
  const api = useApi(energyApiRef);
  const { value, loading, error } = useAsync(() => api.getOverview(), [api]);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || value.nodes.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="Nothing measures the homelab yet"
        description="Compute nodes are read from Kepler by name; other hardware needs a homelab-portal.io/power-metric annotation."
      />
    );
  } else {
    const currency = value.tariff.currency;
    const measured = value.nodes.filter(n => n.energyKWh24h !== null);
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label="Power now"
            value={formatWatts(value.powerW)}
            testId="energy-total-power"
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label="Last 24 h"
            value={formatKWh(value.windows['24h'].energyKWh)}
            testId="energy-total-24h"
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label="Cost this month"
            value={formatMoney(value.monthToDate.cost, currency)}
            testId="energy-month-cost"
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label="CO₂, last 30 days"
            value={formatCO2(value.windows['30d'].co2Kg)}
            testId="energy-co2-30d"
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Per node, last 24 h">
            <BarsChart
              bars={measured.map(n => ({
                name: n.title ?? n.entityRef,
                kWh: n.energyKWh24h ?? 0,
              }))}
            />
            <RowsTable
              rows={value.nodes}
              currency={currency}
              label="Hardware"
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Per system">
            <RowsTable
              rows={value.systems}
              currency={currency}
              label="System"
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Top consumers, last 24 h">
            <Table size="small" aria-label="Top consumers">
              <TableHead>
                <TableRow>
                  <TableCell>Service</TableCell>
                  <TableCell>Pod</TableCell>
                  <TableCell align="right">Energy</TableCell>
                  <TableCell align="right">Cost</TableCell>
                  <TableCell align="right">CO₂</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.top.map(item => (
                  <TableRow key={`${item.namespace}/${item.pod}`}>
                    <TableCell>
                      {item.entityRef ? (
                        <EntityRefLink entityRef={item.entityRef} />
                      ) : (
                        <Typography variant="body2" color="textSecondary">
                          not in the catalog
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      {item.namespace}/{item.pod}
                    </TableCell>
                    <TableCell align="right">
                      {formatKWh(item.energyKWh)}
                    </TableCell>
                    <TableCell align="right">
                      {formatMoney(item.cost, currency)}
                    </TableCell>
                    <TableCell align="right">{formatCO2(item.co2Kg)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Typography variant="caption" color="textSecondary">
            At {value.tariff.pricePerKWh} {currency}/kWh and{' '}
            {value.tariff.gridIntensityGramsPerKWh} g CO₂/kWh. Totals count
            hardware; a service's energy is a share of its node's.
          </Typography>
          <Warnings warnings={value.warnings} />
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Energy"
        subtitle="What the homelab draws, costs and emits"
      />
      <Content>
        <ContentHeader title="">
          {value && <DemoChip source={value.source} />}
        </ContentHeader>
        {body}
      </Content>
    </Page>
  );
};
