import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { alertsServiceRef } from '@homelab-portal/plugin-alerts-node';
import { backupsServiceRef } from '@homelab-portal/plugin-backups-node';
import { cyberneticsPermissions } from '@homelab-portal/plugin-cybernetics-common';
import { energyServiceRef } from '@homelab-portal/plugin-energy-node';
import { ForgeClient } from '@homelab-portal/plugin-homelab-node';
import { Executor } from './act/Executor';
import { registerDecisionActions } from './actions';
import { readPolicies } from './analyse/policies';
import { DecisionStore } from './database/DecisionStore';
import { ActionPlanner } from './decide/ActionPlanner';
import { Advisor, LangflowAdvisor, OllamaAdvisor } from './decide/Advisor';
import { Loop } from './Loop';
import { createRouter } from './router';
import { EvidenceReader, Workload } from './sense/EvidenceReader';
import { SignalReader } from './sense/SignalReader';

/**
 * cybernetics: the homelab observes itself and proposes corrective action;
 * a person approves, a pull request carries it out, the loop verifies it.
 *
 * @public
 */
export const cyberneticsPlugin = createBackendPlugin({
  pluginId: 'cybernetics',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        urlReader: coreServices.urlReader,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        alerts: alertsServiceRef,
        backups: backupsServiceRef,
        energy: energyServiceRef,
      },
      async init(deps) {
        const settings = deps.config.getOptionalConfig('cybernetics');
        deps.permissionsRegistry.addPermissions(cyberneticsPermissions);
        const timeoutMs =
          (settings?.getOptionalNumber('timeoutSeconds') ?? 20) * 1000;
        const store = await DecisionStore.create(deps.database);
        const gitops = settings?.getOptionalConfig('gitops');
        const browseUrl = gitops?.getString('browseUrl').replace(/\/+$/, '');
        const serviceCredentials = () => deps.auth.getOwnServiceCredentials();
        const workloads = async (): Promise<Workload[]> => {
          const { items } = await deps.catalog.getEntities(
            {
              filter: {
                kind: 'Component',
                'metadata.annotations.backstage.io/kubernetes-namespace':
                  CATALOG_FILTER_EXISTS,
              },
              fields: [
                'kind',
                'metadata.name',
                'metadata.namespace',
                'metadata.annotations',
              ],
            },
            { credentials: await serviceCredentials() },
          );
          return items.map(e => ({
            entityRef: stringifyEntityRef(e),
            name: e.metadata.name,
            namespace:
              e.metadata.annotations!['backstage.io/kubernetes-namespace'],
            kubernetesId:
              e.metadata.annotations?.['backstage.io/kubernetes-id'],
            argocdApp: e.metadata.annotations?.['argocd/app-name'],
          }));
        };
        const prometheusUrl = settings?.getOptionalString('prometheus.baseUrl');
        const argocdUrl = settings?.getOptionalString('argocd.baseUrl');
        const evidence = new EvidenceReader({
          prometheus: prometheusUrl ? { baseUrl: prometheusUrl } : undefined,
          argocd: argocdUrl
            ? {
                baseUrl: argocdUrl,
                token: settings?.getOptionalString('argocd.token'),
              }
            : undefined,
          workloads,
          timeoutMs,
        });
        const configuredEscalation =
          settings?.getOptionalStringArray('paging.escalateTo');
        const planner = new ActionPlanner({
          evidence,
          escalateAfterMinutes:
            settings?.getOptionalNumber('paging.escalateAfterMinutes') ?? 15,
          pagingTargets: async entityRef => {
            const credentials = await serviceCredentials();
            const entity = await deps.catalog.getEntityByRef(entityRef, {
              credentials,
            });
            const owner = entity?.spec?.owner;
            if (typeof owner !== 'string') {
              return { recipients: [], escalateTo: [] };
            }
            const ownerRef = stringifyEntityRef(
              parseEntityRef(owner, {
                defaultKind: 'group',
                defaultNamespace: entity!.metadata.namespace ?? 'default',
              }),
            );
            if (configuredEscalation) {
              return {
                recipients: [ownerRef],
                escalateTo: configuredEscalation.filter(r => r !== ownerRef),
              };
            }
            // The next group: a group's parent, or a user's groups.
            const ownerEntity = await deps.catalog.getEntityByRef(ownerRef, {
              credentials,
            });
            const next: unknown[] =
              ownerEntity?.kind === 'Group'
                ? [ownerEntity.spec?.parent].filter(Boolean)
                : (ownerEntity?.spec?.memberOf as unknown[]) ?? [];
            return {
              recipients: [ownerRef],
              escalateTo: next
                .filter((r): r is string => typeof r === 'string')
                .map(r =>
                  stringifyEntityRef(
                    parseEntityRef(r, {
                      defaultKind: 'group',
                      defaultNamespace:
                        ownerEntity!.metadata.namespace ?? 'default',
                    }),
                  ),
                )
                .filter(r => r !== ownerRef),
            };
          },
          readRepoFile: async file => {
            if (!browseUrl) return null;
            try {
              const response = await deps.urlReader.readUrl(
                `${browseUrl}/${file}`,
              );
              return (await response.buffer()).toString('utf8');
            } catch (error) {
              if (
                error instanceof NotFoundError ||
                (error as Error).name === 'NotFoundError'
              ) {
                return null;
              }
              throw error;
            }
          },
          promiseDefinition: async entityRef => {
            const entity = await deps.catalog.getEntityByRef(entityRef, {
              credentials: await deps.auth.getOwnServiceCredentials(),
            });
            const definition = entity?.spec?.definition;
            return typeof definition === 'string' ? definition : undefined;
          },
          workloadNamespaces: async () =>
            (await workloads()).map(w => w.namespace),
        });
        const advisorConfig = settings?.getOptionalConfig('advisor');
        let advisor: Advisor | undefined;
        if (advisorConfig) {
          const advisorTimeout =
            (advisorConfig.getOptionalNumber('timeoutSeconds') ?? 60) * 1000;
          advisor =
            advisorConfig.getString('type') === 'langflow'
              ? new LangflowAdvisor({
                  baseUrl: advisorConfig.getString('baseUrl'),
                  flowId: advisorConfig.getString('flowId'),
                  apiKey: advisorConfig.getOptionalString('apiKey'),
                  timeoutMs: advisorTimeout,
                })
              : new OllamaAdvisor({
                  baseUrl: advisorConfig.getString('baseUrl'),
                  model: advisorConfig.getOptionalString('model') ?? 'llama3.2',
                  timeoutMs: advisorTimeout,
                });
        }
        const loop = new Loop({
          store,
          reader: new SignalReader({
            alerts: deps.alerts,
            backups: deps.backups,
            energy: deps.energy,
            discovery: deps.discovery,
            auth: deps.auth,
            catalog: deps.catalog,
            timeoutMs,
          }),
          planner,
          executor: new Executor({
            alerts: deps.alerts,
            discovery: deps.discovery,
            auth: deps.auth,
            gitops: gitops
              ? {
                  repoUrl: gitops.getString('repoUrl'),
                  forge: (gitops.getOptionalString('forge') ??
                    'gitea') as 'gitea',
                  templateRef:
                    gitops.getOptionalString('templateRef') ??
                    'template:default/cybernetics-change',
                }
              : undefined,
          }),
          advisor,
          forge: new ForgeClient(
            ScmIntegrations.fromConfig(deps.config),
            timeoutMs,
          ),
          catalog: deps.catalog,
          notifications: deps.notifications,
          auth: deps.auth,
          logger: deps.logger,
          policies: readPolicies(settings),
          autoActAllow: settings?.getOptionalStringArray('autoActAllow') ?? [
            'silence',
          ],
          verifyDelaySeconds:
            settings?.getOptionalNumber('verify.delaySeconds') ?? 300,
          verifyTimeoutSeconds:
            settings?.getOptionalNumber('verify.timeoutSeconds') ?? 3600,
        });

        registerDecisionActions(deps.actionsRegistry, store);

        // Once per period across all replicas on one database.
        await deps.scheduler.scheduleTask({
          id: 'cybernetics-loop',
          ...(settings?.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                settings.getConfig('schedule'),
              )
            : {
                frequency: { minutes: 5 },
                timeout: { minutes: 4 },
                initialDelay: { seconds: 30 },
              }),
          // after the schedule: a configured schedule must not make it local
          scope: 'global',
          fn: () => loop.cycle(),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            store,
            loop,
            execution: { gitops: Boolean(gitops) },
          }),
        );
      },
    });
  },
});
