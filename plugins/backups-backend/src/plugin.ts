import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { backupsPermissions } from '@homelab-portal/plugin-backups-common';
import { readBackupsConfig } from './config';
import { createRouter } from './router';
import { BackupsService } from './services/BackupsService';
import { ResticReader } from './services/ResticReader';
import {
  BackupSource,
  DemoBackupSource,
  LiveBackupSource,
} from './services/sources';
import { VeleroReader } from './services/VeleroReader';

/**
 * backups: is every service protected per the homelab's backup policy, and
 * when was a restore last proven?
 *
 * @public
 */
export const backupsPlugin = createBackendPlugin({
  pluginId: 'backups',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readBackupsConfig(deps.config);
        deps.permissionsRegistry.addPermissions(backupsPermissions);
        let source: BackupSource;
        if (settings.clusters.length > 0 || settings.repositories.length > 0) {
          source = new LiveBackupSource({
            clusters: settings.clusters,
            repositories: settings.repositories,
            velero: new VeleroReader({
              namespace: settings.veleroNamespace,
              timeoutMs: settings.timeoutMs,
            }),
            restic: new ResticReader({ timeoutMs: settings.timeoutMs }),
            logger: deps.logger,
            cacheSeconds: settings.cacheSeconds,
          });
        } else {
          source = new DemoBackupSource();
          deps.logger.info(
            'No cluster and no restic repository configured: serving the demo backups, labelled as demo data',
          );
        }
        const backups = BackupsService.create({
          catalog: deps.catalog,
          source,
          policies: settings.policies,
          policyByType: settings.policyByType,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            backups,
          }),
        );
      },
    });
  },
});
