import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      techdocs?: {
        /**
         * Builds every TechDocs site (each entity with
         * backstage.io/techdocs-ref) through the TechDocs backend, then runs
         * the TechDocs collator (search_index_techdocs), so that a site is
         * searchable before anyone opens it. Default: 20 s after start, then
         * every 10 minutes.
         */
        prebuild?: {
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /**
           * The longest one site's build may take, in seconds (default 300).
           */
          buildTimeoutSeconds?: number;
          /**
           * With no site in the catalog yet (it is still reading its
           * locations after a start), how long to keep looking, in seconds
           * (default 120).
           */
          waitForSitesSeconds?: number;
        };
      };
    };
  };
}
