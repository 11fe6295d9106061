import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  KubernetesApi,
  readKubernetesClusters,
} from '@homelab-portal/plugin-homelab-node';
import { KratixPromiseProvider } from './provider/KratixPromiseProvider';
import { KratixRequestProvider } from './provider/KratixRequestProvider';
import {
  ClusterPromiseSource,
  DirectoryPromiseSource,
  PromiseSource,
  UrlPromiseSource,
} from './provider/sources';

/**
 * Kratix Promises as API entities and generated request templates
 * (`kratix.promises`), and requests in flight as `kratix-request` Resources
 * (`kratix.requestEntities`).
 */
export const catalogModuleKratix = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kratix',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        reader: coreServices.urlReader,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        catalog,
        config,
        logger,
        reader,
        scheduler,
        discovery,
        auth,
      }) {
        const requestSettings = config.getOptionalConfig(
          'kratix.requestEntities',
        );
        if (requestSettings?.getOptionalBoolean('enabled') ?? true) {
          catalog.addEntityProvider(
            new KratixRequestProvider({
              discovery,
              auth,
              logger,
              appBaseUrl: config.getOptionalString('app.baseUrl'),
              taskRunner: scheduler.createScheduledTaskRunner(
                requestSettings?.has('schedule')
                  ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                      requestSettings.getConfig('schedule'),
                    )
                  : {
                      frequency: { minutes: 1 },
                      timeout: { minutes: 1 },
                      initialDelay: { seconds: 15 },
                    },
              ),
            }),
          );
        }
        const settings = config.getOptionalConfig('kratix.promises');
        const sourceConfigs = settings?.getOptionalConfigArray('sources') ?? [];
        if (sourceConfigs.length === 0) return;
        const clusters = readKubernetesClusters(config);
        const api = new KubernetesApi({
          timeoutMs:
            (settings?.getOptionalNumber('timeoutSeconds') ?? 20) * 1000,
        });
        const sources: PromiseSource[] = sourceConfigs.map(source => {
          const type = source.getString('type');
          if (type === 'file') {
            return new DirectoryPromiseSource(source.getString('path'));
          }
          if (type === 'url') {
            return new UrlPromiseSource(source.getString('target'), reader);
          }
          if (type === 'cluster') {
            const name = source.getString('cluster');
            const cluster = clusters.find(c => c.name === name);
            if (!cluster) {
              throw new Error(
                `kratix.promises.sources: no cluster ${name} in kubernetes.clusterLocatorMethods`,
              );
            }
            return new ClusterPromiseSource(cluster, api);
          }
          throw new Error(
            `kratix.promises.sources: unknown type ${type} (file, url or cluster)`,
          );
        });
        const schedule = settings?.has('schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              settings.getConfig('schedule'),
            )
          : {
              frequency: { minutes: 5 },
              timeout: { minutes: 3 },
              initialDelay: { seconds: 3 },
            };
        // One provider per source: each replaces only its own entities, so a
        // source that is down (a cluster at start-up) leaves the others alone.
        const defaults = {
          owner: settings?.getOptionalString('owner') ?? 'group:default/admins',
          system: settings?.getOptionalString('system'),
          lifecycle: settings?.getOptionalString('lifecycle') ?? 'production',
          requestsPath:
            settings?.getOptionalString('requestsPath') ?? 'platform/requests',
          allowedHosts: settings?.getOptionalStringArray('allowedHosts') ?? [
            'git.lab.local',
            'github.com',
            'gitlab.com',
          ],
        };
        catalog.addEntityProvider(
          sources.map(
            (source, index) =>
              new KratixPromiseProvider({
                name: `kratix-promises-${index}`,
                sources: [source],
                logger,
                taskRunner: scheduler.createScheduledTaskRunner(schedule),
                defaults,
              }),
          ),
        );
      },
    });
  },
});
