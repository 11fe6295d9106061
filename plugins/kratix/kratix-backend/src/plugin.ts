import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  ForgeClient,
  KubernetesApi,
  readKubernetesClusters,
} from '@homelab-portal/plugin-homelab-node';
import { kratixPermissions } from '@homelab-portal/plugin-kratix-common';
import {
  LocalGitRepository,
  readLocalForgeConfig,
} from '@homelab-portal/plugin-homelab-node';
import { ForgesWithLocal } from './localGit/forges';
import { RequestStore } from './database/RequestStore';
import { createRouter } from './router';
import { RequestTracker } from './tracking/RequestTracker';
import { ArgoCdClient } from './tracking/upstreams';
import { ApprovalLinks, checkApprovalTemplate } from './tracking/approval';

/**
 * kratix: the requests made through the Kratix templates, followed from pull
 * request to Ready.
 *
 * @public
 */
export const kratixPlugin = createBackendPlugin({
  pluginId: 'kratix',
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
        notifications: notificationService,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(kratixPermissions);
        const settings = deps.config.getOptionalConfig('kratix.tracking');
        const timeoutMs =
          (settings?.getOptionalNumber('timeoutSeconds') ?? 15) * 1000;
        const store = await RequestStore.create(deps.database);
        // Only the forges configured under integrations, not github.com by default.
        // In the local start, also the local Git repository that stands in for one.
        const localConfig = readLocalForgeConfig(deps.config);
        let localRepository: (() => Promise<LocalGitRepository>) | undefined;
        if (localConfig) {
          let opened: Promise<LocalGitRepository> | undefined;
          localRepository = () => {
            opened ??= LocalGitRepository.open(localConfig.directory).catch(
              error => {
                opened = undefined;
                throw error;
              },
            );
            return opened;
          };
        }
        const forge = new ForgesWithLocal(
          ForgeClient.fromConfig(deps.config, { timeoutMs }),
          localConfig && localRepository
            ? {
                appBaseUrl: localConfig.appBaseUrl,
                repository: localRepository,
              }
            : undefined,
        );
        const argoConfig = settings?.getOptionalConfig('argocd');
        const argocd = argoConfig
          ? new ArgoCdClient({
              baseUrl: argoConfig.getString('baseUrl'),
              token: argoConfig.getOptionalString('token'),
              application:
                argoConfig.getOptionalString('application') ??
                'platform-requests',
              timeoutMs,
            })
          : undefined;
        const clusterName = settings?.getOptionalString('cluster');
        let kube;
        if (clusterName) {
          const cluster = readKubernetesClusters(deps.config).find(
            c => c.name === clusterName,
          );
          if (!cluster) {
            throw new Error(
              `kratix.tracking.cluster: no cluster ${clusterName} in kubernetes.clusterLocatorMethods`,
            );
          }
          kube = { api: new KubernetesApi({ timeoutMs }), cluster };
        }
        const approvalTemplate = settings?.getOptionalString(
          'approval.urlTemplate',
        );
        let approval: ApprovalLinks = { type: 'none' };
        if (approvalTemplate) {
          approval = {
            type: 'template',
            template: checkApprovalTemplate(approvalTemplate),
          };
        } else if (argoConfig) {
          approval = {
            type: 'argocd',
            baseUrl: argoConfig.getString('baseUrl'),
            application:
              argoConfig.getOptionalString('application') ??
              'platform-requests',
          };
        }
        const followFailedHours =
          settings?.getOptionalNumber('followFailedHours');
        if (
          followFailedHours !== undefined &&
          !(followFailedHours >= 0 && followFailedHours <= 24 * 365)
        ) {
          throw new Error(
            `kratix.tracking.followFailedHours must be between 0 and 8760 (got ${followFailedHours})`,
          );
        }
        const tracker = new RequestTracker({
          approval,
          followFailedHours,
          store,
          forge,
          argocd,
          kube,
          notifications: deps.notifications,
          logger: deps.logger,
        });
        // Once per period across all replicas.
        await deps.scheduler.scheduleTask({
          id: 'kratix-requests-track',
          frequency: {
            seconds: settings?.getOptionalNumber('intervalSeconds') ?? 60,
          },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 10 },
          scope: 'global',
          fn: () => tracker.runOnce(),
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            logger: deps.logger,
            catalog: deps.catalog,
            store,
            forge,
            localRepository,
            limits: {
              perUser:
                settings?.getOptionalNumber('maxOpenRequestsPerUser') ?? 25,
              overall: settings?.getOptionalNumber('maxOpenRequests') ?? 1000,
            },
          }),
        );
      },
    });
  },
});
