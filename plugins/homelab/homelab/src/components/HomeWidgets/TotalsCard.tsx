/* eslint-disable @backstage/no-mixed-plugin-imports -- the home widgets read each plugin through its own API ref (the app installs those plugins), rather than a second client per plugin */
import { ReactNode } from 'react';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { makeStyles, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { energyApiRef } from '@homelab-portal/plugin-energy';
import { alertsApiRef } from '@homelab-portal/plugin-alerts';
import { backupsApiRef } from '@homelab-portal/plugin-backups';
import { cyberneticsApiRef } from '@homelab-portal/plugin-cybernetics';
import { kratixApiRef } from '@homelab-portal/plugin-kratix';
import { OPEN_DECISION_STATES } from '@homelab-portal/plugin-cybernetics-common';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    // the five side by side from 900 px up, spread over the card's width
    gridTemplateColumns: 'repeat(auto-fit, minmax(104px, 1fr))',
    gap: theme.spacing(1),
  },
  tile: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0.75, 1),
  },
  value: { fontSize: '1.25rem', fontWeight: 600, lineHeight: 1.3 },
  unavailable: { color: theme.palette.text.secondary, fontStyle: 'italic' },
}));

type Figure = { value: ReactNode; detail?: ReactNode };

/** One number: what it counts, its unit and window, linking to its page. */
function Stat(props: {
  id: string;
  label: string;
  window: string;
  to: string;
  plugin: string;
  load: () => Promise<Figure>;
}) {
  const classes = useStyles();
  const { value, loading, error } = useAsync(props.load, []);
  let body: ReactNode;
  if (loading) body = <Progress />;
  else if (error || !value)
    body = (
      <Typography
        variant="body2"
        className={classes.unavailable}
        data-testid={`${props.id}-unavailable`}
      >
        No figure: the {props.plugin} plugin did not answer
      </Typography>
    );
  else
    body = (
      <>
        <Typography className={classes.value} data-testid={props.id}>
          {value.value}
        </Typography>
        {value.detail && (
          <Typography variant="body2" color="textSecondary">
            {value.detail}
          </Typography>
        )}
      </>
    );
  return (
    <div className={classes.tile}>
      <Typography variant="subtitle2">
        <Link to={props.to}>{props.label}</Link>
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {props.window}
      </Typography>
      {body}
    </div>
  );
}

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency,
    }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/** The homelab at a glance: power, cost, alerts, backups, decisions, requests. */
export function TotalsCard() {
  const classes = useStyles();
  const energyApi = useApi(energyApiRef);
  const alertsApi = useApi(alertsApiRef);
  const backupsApi = useApi(backupsApiRef);
  const cyberneticsApi = useApi(cyberneticsApiRef);
  const kratixApi = useApi(kratixApiRef);

  return (
    <div className={classes.grid} data-testid="homelab-totals">
      <Stat
        id="homelab-totals-power"
        label="Lab power"
        window="now"
        to="/energy"
        plugin="energy"
        load={async () => {
          const o = await energyApi.getOverview();
          const cost = o.windows['24h'].cost;
          return {
            value: o.powerW === null ? 'no data' : `${Math.round(o.powerW)} W`,
            detail: `${
              cost === null ? 'no data' : money(cost, o.tariff.currency)
            } over the last 24 h${o.source === 'demo' ? ' (demo)' : ''}`,
          };
        }}
      />
      <Stat
        id="homelab-totals-alerts"
        label="Firing alerts"
        window="now, not silenced"
        to="/alerts"
        plugin="alerts"
        load={async () => {
          const o = await alertsApi.getOverview();
          const firing = o.alerts.filter(a => a.state === 'active');
          const bySeverity = new Map<string, number>();
          for (const a of firing) {
            const s = a.severity || 'none';
            bySeverity.set(s, (bySeverity.get(s) ?? 0) + 1);
          }
          return {
            value: plural(firing.length, 'alert', 'alerts'),
            detail:
              [...bySeverity.entries()]
                .sort((a, b) => b[1] - a[1])
                .map(([s, n]) => `${n} ${s}`)
                .join(', ') || 'none firing',
          };
        }}
      />
      <Stat
        id="homelab-totals-backups"
        label="Unprotected"
        window="now, no backup policy"
        to="/backups"
        plugin="backups"
        load={async () => {
          const o = await backupsApi.getOverview();
          return {
            value: plural(o.unprotected.length, 'service', 'services'),
          };
        }}
      />
      <Stat
        id="homelab-totals-decisions"
        label="Open decisions"
        window="now, not yet closed"
        to="/cybernetics"
        plugin="cybernetics"
        load={async () => {
          const open = await cyberneticsApi.listDecisions({
            states: OPEN_DECISION_STATES,
          });
          const proposed = open.filter(d => d.state === 'proposed').length;
          return {
            value: plural(open.length, 'decision', 'decisions'),
            detail: `${proposed} awaiting approval`,
          };
        }}
      />
      <Stat
        id="homelab-totals-requests"
        label="Requests in flight"
        window="now, not yet ready or closed"
        to="/kratix/requests"
        plugin="kratix"
        load={async () => {
          const open = await kratixApi.listRequests({ open: true });
          return { value: plural(open.length, 'request', 'requests') };
        }}
      />
    </div>
  );
}
