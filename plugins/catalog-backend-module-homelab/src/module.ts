import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { HomelabEntitiesProcessor } from './processor/HomelabEntitiesProcessor';

/** Adds the homelab model's validation and relations to the catalog. */
export const catalogModuleHomelab = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'homelab',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new HomelabEntitiesProcessor());
      },
    });
  },
});
