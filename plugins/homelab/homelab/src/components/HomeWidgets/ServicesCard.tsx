/* eslint-disable @backstage/no-mixed-plugin-imports -- the home widgets read each plugin through its own API ref (the app installs those plugins), rather than a second client per plugin */
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { makeStyles, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { alertsApiRef } from '@homelab-portal/plugin-alerts';
import { backupsApiRef } from '@homelab-portal/plugin-backups';

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    // six tiles a row on a wide screen, three at 900 px
    gridTemplateColumns: 'repeat(auto-fill, minmax(165px, 1fr))',
    gap: theme.spacing(1),
  },
  tile: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0.5, 1),
    minWidth: 0,
    '& .MuiTypography-caption': { lineHeight: 1.45 },
  },
  name: { fontWeight: 600 },
  line: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  healthy: { color: theme.palette.success.main },
  firing: { color: theme.palette.error.main },
  muted: { color: theme.palette.text.secondary },
  notice: { color: theme.palette.text.secondary, fontStyle: 'italic' },
}));

/** The service's own address in the lab, if the catalog names one. */
export function labLink(entity: Entity): string | undefined {
  return entity.metadata.links?.find(l => {
    try {
      return new URL(l.url).hostname.endsWith('.lab.local');
    } catch {
      return false;
    }
  })?.url;
}

/**
 * A tile per service Component: its lab address, its health from the firing
 * alerts, its backup state. The catalog, alerts and backups are each fetched
 * on their own; one missing leaves the others shown.
 */
export function ServicesCard() {
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const alertsApi = useApi(alertsApiRef);
  const backupsApi = useApi(backupsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);

  const services = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: { kind: 'component', 'spec.type': 'service' },
        })
      ).items.sort((a, b) =>
        (a.metadata.title ?? a.metadata.name).localeCompare(
          b.metadata.title ?? b.metadata.name,
        ),
      ),
    [catalogApi],
  );
  const alerts = useAsync(async () => {
    const overview = await alertsApi.getOverview();
    const firing = new Map<string, number>();
    for (const a of overview.alerts) {
      if (a.state !== 'active') continue;
      for (const ref of a.matchedEntityRefs ?? a.entityRefs) {
        firing.set(ref, (firing.get(ref) ?? 0) + 1);
      }
    }
    return firing;
  }, [alertsApi]);
  const backups = useAsync(async () => {
    const overview = await backupsApi.getOverview();
    const state = new Map<string, string>();
    for (const p of overview.policies) {
      for (const e of p.entities) {
        state.set(
          e.entityRef,
          e.lastGoodAt
            ? `backed up ${new Date(e.lastGoodAt).toLocaleDateString('en-GB')}`
            : 'no good backup yet',
        );
      }
    }
    for (const u of overview.unprotected) state.set(u.entityRef, 'unprotected');
    return state;
  }, [backupsApi]);

  if (services.loading) return <Progress />;
  if (services.error)
    return (
      <Typography
        className={classes.notice}
        data-testid="homelab-services-unavailable"
      >
        No services: the catalog did not answer
      </Typography>
    );
  const items = services.value ?? [];
  if (items.length === 0)
    return (
      <Typography className={classes.notice}>
        The catalog has no Component of type service
      </Typography>
    );

  return (
    <>
      {(alerts.error || backups.error) && (
        <Typography variant="body2" className={classes.notice}>
          {[
            alerts.error && 'health unknown: the alerts plugin did not answer',
            backups.error &&
              'backup state unknown: the backups plugin did not answer',
          ]
            .filter(Boolean)
            .join('; ')}
        </Typography>
      )}
      <div className={classes.grid} data-testid="homelab-services">
        {items.map(entity => {
          const ref = stringifyEntityRef(entity);
          const link = labLink(entity);
          const firing = alerts.value?.get(ref) ?? 0;
          const backup = backups.value?.get(ref);
          let health = '…';
          let healthClass = classes.muted;
          if (alerts.error) health = 'health unknown';
          else if (alerts.value) {
            health = firing
              ? `${firing} alert${firing === 1 ? '' : 's'} firing`
              : 'healthy, no alert firing';
            healthClass = firing ? classes.firing : classes.healthy;
          }
          let backupText = '…';
          if (backups.error) backupText = 'backup unknown';
          else if (backups.value) backupText = backup ?? 'no backup policy';
          return (
            <div
              key={ref}
              className={classes.tile}
              data-testid="homelab-service-tile"
            >
              <Typography variant="body2" className={classes.line}>
                <Link
                  className={classes.name}
                  to={entityRoute(getCompoundEntityRef(entity))}
                >
                  {entity.metadata.title ?? entity.metadata.name}
                </Link>
              </Typography>
              <Typography
                variant="caption"
                component="div"
                className={classes.line}
              >
                {link ? (
                  <Link to={link}>{new URL(link).hostname}</Link>
                ) : (
                  <span className={classes.muted}>no lab address</span>
                )}
              </Typography>
              <Typography
                variant="caption"
                component="div"
                className={`${classes.line} ${healthClass}`}
              >
                {health}
              </Typography>
              <Typography
                variant="caption"
                component="div"
                className={`${classes.line} ${
                  backup === 'unprotected' ? classes.firing : classes.muted
                }`}
              >
                {backupText}
              </Typography>
            </div>
          );
        })}
      </div>
    </>
  );
}
