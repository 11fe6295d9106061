import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogCollatorExtensionPoint } from '@backstage/plugin-search-backend-module-catalog';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { homelabEntityTransformer } from './entityTransformer';
import { HomelabLunrSearchEngine } from './HomelabLunrSearchEngine';

/**
 * Search that knows the homelab. Catalog documents carry each entity's IP
 * and MAC addresses, VLAN id and hostnames as whole terms; on a database
 * other than PostgreSQL (the local start, where the search plugin would fall
 * back to Lunr) it installs Lunr with a translator that puts the entity whose
 * identifier the query is first. On PostgreSQL it leaves the engine to
 * search-backend-module-pg, which reads addresses and hostnames whole.
 *
 * @public
 */
export const searchModuleHomelab = createBackendModule({
  pluginId: 'search',
  moduleId: 'homelab',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogCollator: catalogCollatorExtensionPoint,
        searchEngineRegistry: searchEngineRegistryExtensionPoint,
        database: coreServices.database,
        logger: coreServices.logger,
      },
      async init({ catalogCollator, searchEngineRegistry, database, logger }) {
        catalogCollator.setEntityTransformer(homelabEntityTransformer);
        const client = await database.getClient();
        if (client.client.config.client === 'pg') {
          logger.info(
            'Homelab search: catalog documents carry addresses, MACs, VLAN ids and hostnames; the engine is left to PostgreSQL',
          );
          return;
        }
        searchEngineRegistry.setSearchEngine(
          new HomelabLunrSearchEngine({ logger }),
        );
        logger.info(
          'Homelab search: Lunr engine with IP, MAC, VLAN id and hostname matches first',
        );
      },
    });
  },
});
