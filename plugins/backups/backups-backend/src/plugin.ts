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
import { ArgoCdReader } from './readiness/ArgoCdReader';
import { ClusterReader } from './readiness/ClusterReader';
import { ReadinessService } from './readiness/ReadinessService';
import { DrillFollower } from './drills/DrillFollower';
import { DrillStore } from './drills/DrillStore';
import { ResticDrill } from './drills/ResticDrill';

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
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        const settings = readBackupsConfig(deps.config);
        deps.permissionsRegistry.addPermissions(backupsPermissions);
        let source: BackupSource;
        if (settings.clusters.length > 0 || settings.repositories.length > 0) {
          const live = new LiveBackupSource({
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
          // Velero's objects are watched between reads: stop at shutdown
          deps.lifecycle.addShutdownHook(() => live.close());
          source = live;
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
        const drills = await DrillStore.create(deps.database);
        const clusterReader = new ClusterReader({
          veleroNamespace: settings.veleroNamespace,
          timeoutMs: settings.timeoutMs,
        });
        const readiness = ReadinessService.create({
          catalog: deps.catalog,
          source,
          argocd: settings.argocd
            ? new ArgoCdReader({
                ...settings.argocd,
                timeoutMs: settings.timeoutMs,
              })
            : undefined,
          clusters: settings.clusters,
          clusterReader,
          drills,
          settings: { ...settings.readiness, policies: settings.policies },
          logger: deps.logger,
          cacheSeconds: settings.cacheSeconds,
        });
        if (settings.clusters.length > 0) {
          // Restore drills are followed once per period, whatever the replicas.
          const follower = new DrillFollower({
            clusters: settings.clusters,
            veleroNamespace: settings.veleroNamespace,
            reader: clusterReader,
            store: drills,
            restic: new ResticDrill({
              scratchRoot: settings.drills.scratchDirectory,
              timeoutMs: Math.max(settings.timeoutMs, 10 * 60_000),
              sampleSize: settings.drills.sampleSize,
            }),
            repositories: settings.repositories,
            drillTimeoutSeconds: settings.drills.timeoutSeconds,
            logger: deps.logger,
          });
          await deps.scheduler.scheduleTask({
            id: 'backups-restore-drills',
            frequency: { seconds: settings.drills.pollSeconds },
            timeout: { minutes: 30 },
            initialDelay: { seconds: 15 },
            scope: 'global',
            fn: () => follower.poll(),
          });
        }
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            backups,
            readiness,
          }),
        );
      },
    });
  },
});
