#!/usr/bin/env node
// yarn bench:catalog [entities]
//
// Ingests a generated homelab catalog (10,000 entities by default) into a
// catalog backend on SQLite, with and without the homelab module, in the same
// run, alternating, and prints entities per second for each. The last line is
// the throughput ratio: with the module / without it.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateCatalog } = require('./generateCatalog');

const total = Number(process.argv[2] ?? 10000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const port = Number(process.env.BENCH_PORT ?? 7121);
const token = `bench-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-bench-'));

const catalogFile = path.join(work, 'catalog.yaml');
fs.writeFileSync(catalogFile, generateCatalog(total));
const configFile = path.join(work, 'app-config.yaml');
fs.writeFileSync(
  configFile,
  JSON.stringify({
    backend: {
      baseUrl: `http://localhost:${port}`,
      listen: { port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
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

async function runOnce(withModule) {
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
  }
}

(async () => {
  const results = { with: [], without: [] };
  for (let round = 0; round < rounds; round++) {
    for (const withModule of round % 2 ? [true, false] : [false, true]) {
      const rate = await runOnce(withModule);
      results[withModule ? 'with' : 'without'].push(rate);
      console.log(
        `round ${round + 1}: ${
          withModule ? 'with   ' : 'without'
        } the homelab module: ${rate.toFixed(1)} entities/s`,
      );
    }
  }
  const median = xs => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? sorted[mid]
      : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const withRate = median(results.with);
  const withoutRate = median(results.without);
  console.log(
    `${total} entities, ${rounds} rounds, median entities/s: without ${withoutRate.toFixed(
      1,
    )}, with ${withRate.toFixed(1)}`,
  );
  console.log(
    `throughput ratio (with module / without): ${(
      withRate / withoutRate
    ).toFixed(3)}`,
  );
  fs.rmSync(work, { recursive: true, force: true });
})().catch(error => {
  console.error(error);
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
