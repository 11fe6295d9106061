import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import { acquireStartupLock } from './startupLock';

/**
 * Backstage's database service, with the plugins' migrations serialized
 * across replicas (see startupLock.ts).
 *
 * Every plugin gets its database through this service and migrates in its
 * init, so the root context, which waits for the startup lock, runs before
 * any migration. The lock is released once every plugin has started (or the
 * process ends: PostgreSQL drops it with the session).
 */
export const homelabDatabaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    const logger = rootLogger.child({ service: 'startup-lock' });
    const lock = await acquireStartupLock(config, logger);
    if (lock) {
      rootLifecycle.addStartupHook(() => lock.release());
      rootLifecycle.addShutdownHook(() => lock.release());
    }
    return DatabaseManager.fromConfig(
      config.getOptional('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
      { rootLifecycle, rootLogger },
    );
  },
  async factory({ pluginMetadata, lifecycle, logger }, databaseManager) {
    return databaseManager.forPlugin(pluginMetadata.getId(), {
      lifecycle,
      logger,
    });
  },
});
