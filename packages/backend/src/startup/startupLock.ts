import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Client, ClientConfig } from 'pg';

/**
 * One replica at a time runs the plugins' database migrations.
 *
 * Two replicas starting together on a fresh PostgreSQL race each plugin's
 * knex migrations (`MigrationLocked`, or "relation … already exists") and one
 * of them fails to start. A replica killed while migrating leaves knex's lock
 * row set, and every later start then fails with `MigrationLocked` until
 * someone clears it by hand.
 *
 * The lock is a PostgreSQL session-level advisory lock on the backend's own
 * connection: PostgreSQL drops it by itself when the holder's session ends,
 * so a killed replica never leaves it behind. While holding it, a replica
 * knows that no other replica is migrating, so any knex lock row still set is
 * left by a replica that died mid-migration (knex runs each PostgreSQL
 * migration in a transaction, which rolled back) and is cleared.
 */
export const STARTUP_LOCK_KEY = 0x686c6162; // "hlab"

export interface StartupLock {
  /** Knex lock rows found set and cleared, as `database.schema.table`. */
  readonly clearedMigrationLocks: string[];
  release(): Promise<void>;
}

/** The connection settings of backend.database, for the pg driver. */
export function pgClientConfig(
  database: Config,
  databaseName?: string,
): ClientConfig {
  const connection = database.get<unknown>('connection');
  let base: ClientConfig;
  if (typeof connection === 'string') {
    // pg lets a connection string's fields win over the others: the
    // database goes into the string itself.
    const url = new URL(connection);
    if (databaseName) url.pathname = `/${encodeURIComponent(databaseName)}`;
    base = { connectionString: url.toString() };
  } else {
    base = {
      ...(connection as ClientConfig),
      ...(databaseName ? { database: databaseName } : {}),
    };
  }
  return {
    ...base,
    connectionTimeoutMillis: 10_000,
    application_name: 'homelab-portal startup lock',
  };
}

/** The database the lock is taken in: backend.database.connection's, else "postgres" (as Backstage's own admin connection). */
function lockDatabase(database: Config): string {
  const connection = database.get<unknown>('connection');
  if (typeof connection === 'string') {
    const name = new URL(connection).pathname.replace(/^\//, '');
    return decodeURIComponent(name) || 'postgres';
  }
  return database.getOptionalString('connection.database') ?? 'postgres';
}

/** LIKE pattern for a literal prefix. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, m => `\\${m}`)}%`;
}

async function clearStaleMigrationLocks(
  database: Config,
  admin: Client,
  logger: LoggerService,
): Promise<string[]> {
  const prefix = database.getOptionalString('prefix') ?? 'backstage_plugin_';
  const own = lockDatabase(database);
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database
      WHERE datallowconn AND (datname LIKE $1 OR datname = $2)
      ORDER BY datname`,
    [likePrefix(prefix), own],
  );
  const cleared: string[] = [];
  for (const { datname } of rows) {
    const client =
      datname === own ? admin : new Client(pgClientConfig(database, datname));
    try {
      if (client !== admin) await client.connect();
      const tables = await client.query<{
        table_schema: string;
        table_name: string;
      }>(
        `SELECT table_schema, table_name FROM information_schema.tables
          WHERE table_name LIKE '%knex\\_migrations\\_lock'
            AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      for (const t of tables.rows) {
        const quoted = `${client.escapeIdentifier(
          t.table_schema,
        )}.${client.escapeIdentifier(t.table_name)}`;
        const res = await client.query(
          `UPDATE ${quoted} SET is_locked = 0 WHERE is_locked = 1`,
        );
        if (res.rowCount) {
          const name = `${datname}.${t.table_schema}.${t.table_name}`;
          cleared.push(name);
          logger.warn(
            `Cleared a migration lock left by a replica that stopped while migrating: ${name}`,
          );
        }
      }
    } catch (error) {
      // A database this user may not read is not ours to clear.
      logger.warn(
        `Could not check ${datname} for a stale migration lock: ${
          (error as Error).message
        }`,
      );
    } finally {
      if (client !== admin) await client.end().catch(() => undefined);
    }
  }
  return cleared;
}

/**
 * Waits for the startup lock (only on PostgreSQL; SQLite is one process),
 * clears stale knex migration locks, and returns the lock to release once
 * every plugin has started.
 */
export async function acquireStartupLock(
  config: Config,
  logger: LoggerService,
): Promise<StartupLock | undefined> {
  const database = config.getOptionalConfig('backend.database');
  if (!database || database.getString('client') !== 'pg') return undefined;

  const admin = new Client(pgClientConfig(database, lockDatabase(database)));
  await admin.connect();
  // A dead connection must not leave this process waiting forever.
  admin.on('error', error =>
    logger.error(`Startup lock connection failed: ${error.message}`),
  );
  try {
    const { rows } = await admin.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [STARTUP_LOCK_KEY],
    );
    if (!rows[0].locked) {
      logger.info(
        'Another replica is starting (running migrations); waiting for it to finish',
      );
      const waited = Date.now();
      await admin.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
      logger.info(
        `Startup lock acquired after ${Math.round(
          (Date.now() - waited) / 1000,
        )} s`,
      );
    }
    const clearedMigrationLocks = await clearStaleMigrationLocks(
      database,
      admin,
      logger,
    );
    let released = false;
    return {
      clearedMigrationLocks,
      async release() {
        if (released) return;
        released = true;
        try {
          await admin.query('SELECT pg_advisory_unlock($1)', [
            STARTUP_LOCK_KEY,
          ]);
        } finally {
          await admin.end().catch(() => undefined);
        }
      },
    };
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw error;
  }
}
