import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  techdocs?: {
    generator?: {
      mkdocs?: {
        /**
         * Builds without adding the techdocs-core MkDocs plugin (a pip
         * package, which the homelab's machines and image do not have: each
         * site's mkdocs.yml names the material theme and its Markdown
         * extensions instead). @backstage/plugin-techdocs-node reads this key
         * but its installed release does not declare it, which a strict
         * config check refuses.
         */
        omitTechdocsCorePlugin?: boolean;
      };
    };
  };
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
