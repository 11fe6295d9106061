import { useState } from 'react';
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
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  ENERGY_WINDOW_NAMES,
  EnergyOverview,
  EnergyWindow,
} from '@homelab-portal/plugin-energy-common';
import useAsync from 'react-use/esm/useAsync';
import { energyApiRef } from '../../api';
import { BarsChart, PowerChart } from '../charts';
import { DemoChip } from '../common/DemoChip';
import { Warnings } from '../common/Warnings';
import {
  formatCO2,
  formatKWh,
  formatMoney,
  formatWatts,
} from '../common/format';
import {
  EntityRow,
  RowsHead,
  SystemsTable,
  WINDOW_LABELS,
  useEnergyPageStyles as useStyles,
} from './OverviewTables';

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-GB') + text.slice(1);
}

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const Figure = ({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail: string;
  testId: string;
}) => {
  const classes = useStyles();
  return (
    <InfoCard
      title={label}
      subheader={<span data-testid={`${testId}-window`}>{detail}</span>}
      noPadding={false}
    >
      <Typography variant="h4" data-testid={testId} className={classes.figure}>
        {value}
      </Typography>
    </InfoCard>
  );
};

const Overview = ({ overview }: { overview: EnergyOverview }) => {
  const classes = useStyles();
  const currency = overview.tariff.currency;
  const { long, short } = WINDOW_LABELS[overview.window];
  const measured = overview.nodes.filter(n => n.energyKWh !== null);
  const at = formatTime(overview.at);
  const monthStart = new Date(overview.at);
  const month = monthStart.toLocaleDateString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} sm={6} lg={3}>
        <Figure
          label="Power now"
          detail={`The lab’s hardware at ${at}`}
          value={formatWatts(overview.powerW)}
          testId="energy-total-power"
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <Figure
          label="Energy"
          detail={`${capitalise(long)}, to ${at}`}
          value={formatKWh(overview.total.energyKWh)}
          testId="energy-total-energy"
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <Figure
          label="Cost"
          detail={`${capitalise(long)}, at ${
            overview.tariff.pricePerKWh
          } ${currency}/kWh`}
          value={formatMoney(overview.total.cost, currency)}
          testId="energy-total-cost"
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <Figure
          label="CO₂"
          detail={`${capitalise(long)}, at ${
            overview.tariff.gridIntensityGramsPerKWh
          } g CO₂/kWh`}
          value={formatCO2(overview.total.co2Kg)}
          testId="energy-total-co2"
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={`Lab power, ${long}`}
          subheader={`All hardware: average power per ${Math.round(
            overview.series.stepSeconds / 60,
          )} min, to ${at}`}
        >
          <PowerChart
            points={overview.series.points}
            stepSeconds={overview.series.stepSeconds}
            title="Lab power"
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title={`Per device, ${long}`}>
          <BarsChart
            windowLabel={long}
            bars={measured.map(n => ({
              name: n.title ?? n.entityRef,
              kWh: n.energyKWh ?? 0,
            }))}
          />
          <Table size="small" aria-label="Hardware">
            <RowsHead label="Hardware" window={overview.window} />
            <TableBody>
              {overview.nodes.map(row => (
                <EntityRow key={row.entityRef} row={row} currency={currency} />
              ))}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard
          title={`Per system, ${long}`}
          subheader="Each watt counts once, so the rows add up to the total: a service under its system, the NAS and the switch under theirs, and a compute node’s energy under the services that run on it."
        >
          <SystemsTable overview={overview} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={`Top consumers, ${long}`}>
          <div className={classes.scroll}>
            <Table size="small" aria-label="Top consumers">
              <TableHead>
                <TableRow>
                  <TableCell>Service and pod</TableCell>
                  <TableCell align="right" className={classes.cell}>
                    Energy, {short}
                  </TableCell>
                  <TableCell align="right" className={classes.cell}>
                    Cost, {short}
                  </TableCell>
                  <TableCell align="right" className={classes.cell}>
                    CO₂, {short}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {overview.top.map(item => (
                  <TableRow key={`${item.namespace}/${item.pod}`}>
                    <TableCell>
                      {item.entityRef ? (
                        <EntityRefLink entityRef={item.entityRef} />
                      ) : (
                        <Typography variant="body2" color="textSecondary">
                          not in the catalog
                        </Typography>
                      )}
                      <Typography
                        variant="caption"
                        className={`${classes.note} ${classes.cell}`}
                      >
                        {item.namespace}/{item.pod}
                      </Typography>
                    </TableCell>
                    <TableCell align="right" className={classes.cell}>
                      {formatKWh(item.energyKWh)}
                    </TableCell>
                    <TableCell align="right" className={classes.cell}>
                      {formatMoney(item.cost, currency)}
                    </TableCell>
                    <TableCell align="right" className={classes.cell}>
                      {formatCO2(item.co2Kg)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="energy-month"
        >
          {month} so far (from the 1st, UTC, to {at}):{' '}
          {formatKWh(overview.monthToDate.energyKWh)},{' '}
          {formatMoney(overview.monthToDate.cost, currency)},{' '}
          {formatCO2(overview.monthToDate.co2Kg)}.
        </Typography>
        <Warnings warnings={overview.warnings} />
      </Grid>
    </Grid>
  );
};

/** The whole homelab's energy over one window the user picks. */
export const EnergyPage = () => {
  const api = useApi(energyApiRef);
  const [window, setWindow] = useState<EnergyWindow>('24h');
  const { value, loading, error } = useAsync(
    () => api.getOverview(window),
    [api, window],
  );

  let body;
  if (loading && !value) {
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
    body = <Overview overview={value} />;
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
          <ToggleButtonGroup
            size="small"
            exclusive
            value={window}
            onChange={(_e, next) => next && setWindow(next)}
            aria-label="Window"
          >
            {ENERGY_WINDOW_NAMES.map(name => (
              <ToggleButton
                key={name}
                value={name}
                aria-label={WINDOW_LABELS[name].long}
              >
                {WINDOW_LABELS[name].long}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </ContentHeader>
        {loading && value && <Progress />}
        {body}
      </Content>
    </Page>
  );
};
