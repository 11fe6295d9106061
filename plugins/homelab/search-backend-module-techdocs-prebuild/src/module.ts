import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { TechDocsSiteBuilder } from './TechDocsSiteBuilder';

// The TechDocs collator's task in the search plugin's scheduler
// (plugin-search-backend-node's IndexBuilder names it after the type).
const TECHDOCS_INDEX_TASK = 'search_index_techdocs';

/**
 * Docs search finds a site's pages only once the site is built: the TechDocs
 * collator reads each site's published search index, and TechDocs builds a
 * site (with `builder: local`) only when someone opens it. This module builds
 * every site on a schedule, through the TechDocs backend, then runs the
 * TechDocs collator, so that the runbooks are searchable from the start.
 *
 * @public
 */
export const searchModuleTechdocsPrebuild = createBackendModule({
  pluginId: 'search',
  moduleId: 'techdocs-prebuild',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, scheduler, discovery, auth, catalog }) {
        const key = 'search.collators.techdocs.prebuild';
        const schedule = config.has(`${key}.schedule`)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(`${key}.schedule`),
            )
          : {
              initialDelay: { seconds: 20 },
              frequency: { minutes: 10 },
              timeout: { minutes: 15 },
            };
        const buildTimeoutSeconds =
          config.getOptionalNumber(`${key}.buildTimeoutSeconds`) ?? 300;
        const waitForSitesSeconds =
          config.getOptionalNumber(`${key}.waitForSitesSeconds`) ?? 120;
        const builder = TechDocsSiteBuilder.create({
          discovery,
          auth,
          catalog,
          logger,
          buildTimeoutMs: buildTimeoutSeconds * 1000,
        });
        await scheduler.scheduleTask({
          id: 'techdocs-prebuild',
          scope: 'global',
          ...schedule,
          fn: async () => {
            const results = await builder.buildAll({
              waitForSitesMs: waitForSitesSeconds * 1000,
            });
            const built = results.filter(r => !r.error);
            logger.info(
              `TechDocs: ${built.length} of ${
                results.length
              } sites built (${results
                .map(
                  r =>
                    `${r.entityRef} ${
                      r.error ? 'failed' : `${r.durationMs} ms`
                    }`,
                )
                .join(', ')}); indexing them`,
            );
            try {
              await scheduler.triggerTask(TECHDOCS_INDEX_TASK);
            } catch (error) {
              // already running (it then reads what is built), or no collator
              logger.info(
                `TechDocs: the docs index did not start now: ${
                  (error as Error).message
                }`,
              );
            }
          },
        });
      },
    });
  },
});
