#!/usr/bin/env node
// yarn bench:catalog [entities]
//
// Ingests a generated homelab catalog (10,000 entities by default) into a
// catalog backend, with and without the homelab module, in the same run,
// alternating, on each database: PostgreSQL (what production runs; a fresh
// database per run, at BENCH_POSTGRES_URL, default the local server) and
// SQLite in memory (the local start). Prints entities per second for each
// run, the ratio (with the module / without it) per database, and last the
// ratio on PostgreSQL. BENCH_DATABASES=sqlite (or postgres) runs one only.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { generateCatalog } = require('./generateCatalog');

const total = Number(process.argv[2] ?? 10000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const port = Number(process.env.BENCH_PORT ?? 7121);
const postgresUrl =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const databases = (process.env.BENCH_DATABASES ?? 'postgres,sqlite').split(',');
const token = `bench-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-bench-'));

const catalogFile = path.join(work, 'catalog.yaml');
fs.writeFileSync(catalogFile, generateCatalog(total));

function writeConfig(database, prefix) {
  const file = path.join(work, `app-config.${prefix}.yaml`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database:
          database === 'postgres'
            ? { client: 'pg', connection: postgresUrl, prefix }
            : { client: 'better-sqlite3', connection: ':memory:' },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'bench' } },
          ],
        },
      },
      catalog: {
        rules: [{ allow: ['Component', 'Resource', 'Group', 'Location'] }],
        locations: [{ type: 'file', target: catalogFile }],
        // Process as fast as the catalog can; entity refresh is not measured.
        processingInterval: { minutes: 30 },
      },
    }),
  );
  return file;
}

// The databases a run on PostgreSQL created (one per plugin, named by prefix).
async function dropDatabases(prefix) {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function count() {
  try {
    const res = await fetch(
      `http://localhost:${port}/api/catalog/entities/by-query?limit=1&filter=kind=component&filter=kind=resource&filter=kind=group`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!res.ok) return -1;
    return (await res.json()).totalItems;
  } catch {
    return -1;
  }
}

async function runOnce(database, withModule) {
  const prefix = `homelab_bench_${process.pid}_${Date.now()}_`;
  const configFile = writeConfig(database, prefix);
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'backend.ts'),
      '--config',
      configFile,
    ],
    {
      env: {
        ...process.env,
        BENCH_WITH_MODULE: withModule ? '1' : '0',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    // Time from the catalog answering to every entity being stitched; start-up is not counted.
    while ((await count()) < 0) await sleep(100);
    const start = process.hrtime.bigint();
    // Every generated entity (Location entities are not counted).
    const expected = total;
    let seen = 0;
    while (seen < expected) {
      await sleep(200);
      seen = await count();
      if (Number(process.hrtime.bigint() - start) / 1e9 > 900) {
        throw new Error(`only ${seen} of ${expected} entities after 900 s`);
      }
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return total / seconds;
  } finally {
    child.kill('SIGTERM');
    await new Promise(resolve => child.once('exit', resolve));
    if (database === 'postgres') await dropDatabases(prefix);
  }
}

const median = xs => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

(async () => {
  const ratios = {};
  for (const database of databases) {
    const results = { with: [], without: [] };
    for (let round = 0; round < rounds; round++) {
      for (const withModule of round % 2 ? [true, false] : [false, true]) {
        const rate = await runOnce(database, withModule);
        results[withModule ? 'with' : 'without'].push(rate);
        console.log(
          `${database} round ${round + 1}: ${
            withModule ? 'with   ' : 'without'
          } the homelab module: ${rate.toFixed(1)} entities/s`,
        );
      }
    }
    const withRate = median(results.with);
    const withoutRate = median(results.without);
    ratios[database] = withRate / withoutRate;
    console.log(
      `${database}: ${total} entities, ${rounds} rounds, median entities/s: without ${withoutRate.toFixed(
        1,
      )}, with ${withRate.toFixed(1)}, ratio ${ratios[database].toFixed(3)}`,
    );
  }
  const last = ratios.postgres !== undefined ? 'postgres' : databases[0];
  console.log(
    `throughput ratio (with module / without) on ${last}: ${ratios[
      last
    ].toFixed(3)}`,
  );
  fs.rmSync(work, { recursive: true, force: true });
})().catch(error => {
  console.error(error);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
