import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Client } from 'pg';
import { homelabDatabaseServiceFactory } from './databaseServiceFactory';
import { acquireStartupLock } from './startupLock';

// Real PostgreSQL (scripts/test.sh sets this when the machine's server answers).
const PG_URL = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

const prefix = `backstage_plugin_startuplock_${process.pid}_`;
const logger = mockServices.logger.mock();
jest.setTimeout(60_000);

function dbConfig(extra: Record<string, unknown> = {}) {
  return new ConfigReader({
    backend: {
      database: { client: 'pg', connection: PG_URL, prefix, ...extra },
    },
  });
}

async function sql<T extends Record<string, any>>(
  database: string,
  text: string,
  values: unknown[] = [],
) {
  const url = new URL(PG_URL!);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function dropOurDatabases() {
  const rows = await sql<{ datname: string }>(
    'postgres',
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [prefix],
  );
  for (const { datname } of rows) {
    await sql('postgres', `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

if (!PG_URL) {
  // eslint-disable-next-line jest/expect-expect
  it('needs PostgreSQL', () => {
    throw new Error(
      'These tests run on a real PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh does when one answers on 127.0.0.1:5432)',
    );
  });
} else {
  describe('startup lock (real PostgreSQL)', () => {
    beforeAll(dropOurDatabases);
    afterAll(dropOurDatabases);

    it('is nothing on SQLite', async () => {
      const lock = await acquireStartupLock(
        new ConfigReader({
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
        }),
        logger,
      );
      expect(lock).toBeUndefined();
    });

    it('lets one replica start at a time', async () => {
      const first = await acquireStartupLock(dbConfig(), logger);
      expect(first).toBeDefined();
      let secondHasIt = false;
      const second = acquireStartupLock(dbConfig(), logger).then(lock => {
        secondHasIt = true;
        return lock;
      });
      // The second waits in pg_advisory_lock: visible in pg_locks as not granted.
      for (let i = 0; i < 50; i++) {
        const waiting = await sql<{ n: string }>(
          'postgres',
          `SELECT count(*) AS n FROM pg_locks
            WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
          [0x686c6162],
        );
        if (Number(waiting[0].n) > 0) break;
        await new Promise(r => setTimeout(r, 100));
      }
      expect(secondHasIt).toBe(false);
      await first!.release();
      const lock = await second;
      expect(secondHasIt).toBe(true);
      await lock!.release();
    });

    it('is released when its holder dies without releasing it', async () => {
      const holder = new Client({ connectionString: PG_URL });
      await holder.connect();
      holder.on('error', () => undefined); // it is about to be killed
      await holder.query('SELECT pg_advisory_lock($1)', [0x686c6162]);
      const waiting = acquireStartupLock(dbConfig(), logger);
      const pid = (await holder.query('SELECT pg_backend_pid() AS pid')).rows[0]
        .pid;
      // The replica is killed: its session ends.
      await sql('postgres', 'SELECT pg_terminate_backend($1)', [pid]);
      const lock = await waiting;
      expect(lock).toBeDefined();
      await lock!.release();
    });

    it('clears a knex lock left by a replica killed mid-migration, in the prefixed databases only', async () => {
      const ours = `${prefix}catalog`;
      await sql('postgres', `CREATE DATABASE "${ours}"`);
      await sql(
        ours,
        `CREATE TABLE knex_migrations_lock (index serial PRIMARY KEY, is_locked integer);
         INSERT INTO knex_migrations_lock (is_locked) VALUES (1)`,
      );
      // Not ours: same table, another prefix (say, another Backstage on the same server).
      const theirs = `other_${prefix}catalog`;
      await sql('postgres', `CREATE DATABASE "${theirs}"`);
      try {
        await sql(
          theirs,
          `CREATE TABLE knex_migrations_lock (index serial PRIMARY KEY, is_locked integer);
           INSERT INTO knex_migrations_lock (is_locked) VALUES (1)`,
        );
        const lock = await acquireStartupLock(dbConfig(), logger);
        await lock!.release();
        expect(logger.warn).toHaveBeenCalledWith(
          `Cleared a migration lock left by a replica that stopped while migrating: ${ours}.public.knex_migrations_lock`,
        );
        expect(lock!.clearedMigrationLocks).toEqual([
          `${ours}.public.knex_migrations_lock`,
        ]);
        expect(
          await sql(ours, 'SELECT is_locked FROM knex_migrations_lock'),
        ).toEqual([{ is_locked: 0 }]);
        expect(
          await sql(theirs, 'SELECT is_locked FROM knex_migrations_lock'),
        ).toEqual([{ is_locked: 1 }]);
      } finally {
        await sql('postgres', `DROP DATABASE "${theirs}" WITH (FORCE)`);
      }
    });

    it('two backends starting together on a fresh database both start, and each migration runs once', async () => {
      const migrationRuns: number[] = [];
      // A plugin whose migration takes a while, as the catalog's does on a
      // real node: long enough for the second replica to arrive mid-way.
      const plugin = (replica: number) =>
        createBackendPlugin({
          pluginId: 'slowmigrations',
          register(env) {
            env.registerInit({
              deps: { database: coreServices.database },
              async init({ database }) {
                const knex = await database.getClient();
                await knex.migrate.latest({
                  migrationSource: {
                    getMigrations: async () => ['001_things'],
                    getMigrationName: (m: string) => m,
                    getMigration: async () => ({
                      async up(k: any) {
                        migrationRuns.push(replica);
                        await k.raw('SELECT pg_sleep(0.5)');
                        await k.schema.createTable('things', (t: any) => {
                          t.string('id').primary();
                        });
                      },
                      async down() {},
                    }),
                  },
                } as any);
              },
            });
          },
        });
      const start = (replica: number) =>
        startTestBackend({
          features: [
            homelabDatabaseServiceFactory,
            mockServices.rootConfig.factory({
              data: {
                backend: {
                  database: { client: 'pg', connection: PG_URL, prefix },
                },
              },
            }),
            plugin(replica),
          ],
        });
      const backends = await Promise.all([start(1), start(2)]);
      expect(migrationRuns).toHaveLength(1);
      const rows = await sql(
        `${prefix}slowmigrations`,
        "SELECT count(*)::int AS n FROM knex_migrations WHERE name = '001_things'",
      );
      expect(rows).toEqual([{ n: 1 }]);
      await Promise.all(backends.map(b => b.stop()));
    });
  });
}
