import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { energyPermissions } from '@homelab-portal/plugin-energy-common';
import { readEnergyConfig } from './config';
import { createRouter } from './router';
import { DemoEnergySource } from './services/DemoEnergySource';
import { EnergyService } from './services/EnergyService';
import { KeplerQueries } from './services/keplerQueries';
import { PrometheusClient } from './services/PrometheusClient';
import { PrometheusEnergySource } from './services/PrometheusEnergySource';

/**
 * energy: Kepler power and energy for nodes, services, Systems and Domains,
 * from Prometheus, or from a labelled demo simulation when none is set.
 *
 * @public
 */
export const energyPlugin = createBackendPlugin({
  pluginId: 'energy',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readEnergyConfig(deps.config);
        deps.permissionsRegistry.addPermissions(energyPermissions);
        const queries = new KeplerQueries(settings.kepler);
        let source;
        if (settings.prometheus) {
          source = new PrometheusEnergySource(
            new PrometheusClient(settings.prometheus),
            queries,
          );
          deps.logger.info(
            `Reading Kepler series from ${settings.prometheus.baseUrl}`,
          );
        } else {
          source = new DemoEnergySource();
          deps.logger.info(
            'No energy.prometheus configured: serving the demo simulation, labelled as demo data',
          );
        }
        const energy = EnergyService.create({
          catalog: deps.catalog,
          cache: deps.cache,
          logger: deps.logger,
          source,
          tariff: settings.tariff,
          isAllowedPowerMetric: metric => queries.isAllowedPowerMetric(metric),
          scrapeIntervalSeconds: settings.kepler.scrapeIntervalSeconds,
          cacheTtlSeconds: settings.cacheTtlSeconds,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            energy,
          }),
        );
      },
    });
  },
});
