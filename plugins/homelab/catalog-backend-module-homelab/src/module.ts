import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { CatalogNeighbours } from './processor/CatalogNeighbours';
import { HomelabEntitiesProcessor } from './processor/HomelabEntitiesProcessor';

/** Adds the homelab model's validation and relations to the catalog. */
export const catalogModuleHomelab = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'homelab',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        catalogService: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ catalog, catalogService, auth, config }) {
        catalog.addProcessor(
          new HomelabEntitiesProcessor(
            new CatalogNeighbours({
              catalog: catalogService,
              auth,
              maxAgeMs:
                (config.getOptionalNumber(
                  'homelab.catalog.neighboursMaxAgeSeconds',
                ) ?? 30) * 1000,
            }),
          ),
        );
      },
    });
  },
});
