import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  alertsPermissions,
  matchesAll,
  parseMatchers,
} from '@homelab-portal/plugin-alerts-common';
import { readAlertsConfig } from './config';
import { HistoryStore } from './database/HistoryStore';
import { createRouter } from './router';
import { AlertmanagerClient } from './services/AlertmanagerClient';
import { AlertsService } from './services/AlertsService';
import {
  AlertSource,
  AlertmanagerSource,
  DemoAlertSource,
} from './services/sources';

/**
 * alerts: Alertmanager's alerts on catalog entities, silences and
 * acknowledgements from the portal, and the history Alertmanager lacks.
 *
 * @public
 */
export const alertsPlugin = createBackendPlugin({
  pluginId: 'alerts',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readAlertsConfig(deps.config);
        deps.permissionsRegistry.addPermissions(alertsPermissions);
        // The RE2 engine's first use runs its code cold (over 100 ms); pay
        // that at start, not on the first request that carries a regex.
        matchesAll({ a: 'a' }, parseMatchers('a=~"(a|b)+.*"'));
        let source: AlertSource;
        if (settings.alertmanagers.length > 0) {
          source = new AlertmanagerSource(
            settings.alertmanagers.map(am => new AlertmanagerClient(am)),
          );
          deps.logger.info(
            `Reading alerts from ${settings.alertmanagers
              .map(am => am.name)
              .join(', ')}`,
          );
        } else {
          source = new DemoAlertSource();
          deps.logger.info(
            'No alerts.alertmanagers configured: serving the demo simulation, labelled as demo data',
          );
        }
        const history = await HistoryStore.create(deps.database);
        const alerts = AlertsService.create({
          catalog: deps.catalog,
          logger: deps.logger,
          source,
          history,
          ackMinutes: settings.ackMinutes,
        });

        // Once per period across all replicas: fill history gaps, prune.
        await deps.scheduler.scheduleTask({
          id: 'alerts-history-poll',
          frequency: { seconds: settings.pollSeconds },
          timeout: { seconds: Math.max(30, settings.pollSeconds) },
          initialDelay: { seconds: 5 },
          scope: 'global',
          fn: async () => {
            try {
              await alerts.poll();
            } catch (error) {
              deps.logger.warn(`Alert history poll failed: ${error}`);
            }
            await history.prune(
              new Date(Date.now() - settings.retentionDays * 86_400_000),
            );
          },
        });

        deps.httpRouter.addAuthPolicy({
          path: '/webhook',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            logger: deps.logger,
            alerts,
            webhookToken: settings.webhookToken,
          }),
        );
      },
    });
  },
});
