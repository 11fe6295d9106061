/*
 * yarn bench:alerts [count] [rate] [stored events] [series]
 *
 * History reads first: 1,000,000 stored events (2,000 alert series, a
 * firing and its resolution each, over 60 days; written by generate_series,
 * then the migrations that come after the events table run over them) on
 * PostgreSQL, read as the entity card (/entity) and the history page
 * (/history, first page and the next by cursor) ask for them, one request at
 * a time, for 200 services (10 series each) and 10 systems (20 services
 * each), from a worker thread (historyReader.cjs: a browser's garbage is not
 * the server's), in two passes. Prints p50/p99 per read over both passes,
 * and the process's RSS and the server's heap (after a GC) before the reads
 * and after each pass: target p99 < 20 ms, and memory flat (the second pass
 * adds nothing to the first).
 *
 * Then ingest:
 * Posts 10,000 Alertmanager webhook notifications (one alert each) at 200 per
 * second to the alerts webhook (of the demo source, named "demo"), as
 * Alertmanager would, with one in twenty delivered twice (Alertmanager redelivers after a timeout). The history is
 * kept on PostgreSQL (HOMELAB_BENCH_POSTGRES_URL, default the local server)
 * in a fresh database. Prints the p50 and p99 ingest latency, the count
 * stored, and, last, the ratio of distinct notifications stored to sent
 * (target 1.000: no loss, no duplicates).
 */
import { memory, percentile, quietLogger } from './benchTools';
import { ingest } from './ingest';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { Worker } from 'node:worker_threads';
import { HistoryStore } from '../src/database/HistoryStore';
import { createRouter } from '../src/router';
import { AlertsService } from '../src/services/AlertsService';
import { DemoAlertSource } from '../src/services/sources';

const COUNT = Number(process.argv[2] ?? 10_000);
const RATE = Number(process.argv[3] ?? 200);
const STORED = Number(process.argv[4] ?? 1_000_000);
const SERIES = Number(process.argv[5] ?? 2000);
const SERVICES = 200;
const SYSTEMS = 10;
const READS = 400;
const TOKEN = 'bench-token';
const baseUrl =
  process.env.HOMELAB_BENCH_POSTGRES_URL ??
  'postgresql://postgres@127.0.0.1:5432';

/** The migrations up to and including the events table and its indexes. */
const BEFORE_BULK = [
  '20261125000000_alert_events.js',
  '20261201000000_alert_events_fingerprint.js',
];

async function historyReads() {
  const database = `alerts_history_bench_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: baseUrl });
  await admin.raw(`CREATE DATABASE ${database}`);
  let knex: Knex | undefined;
  let server: ReturnType<express.Express['listen']> | undefined;
  try {
    knex = knexFactory({
      client: 'pg',
      connection: `${baseUrl.replace(/\/+$/, '')}/${database}`,
      pool: { min: 2, max: 10 },
    });
    const directory = resolvePackagePath(
      '@homelab-portal/plugin-alerts-backend',
      'migrations',
    );
    for (const name of BEFORE_BULK) await knex.migrate.up({ directory, name });
    const now = Date.now();
    const DAY = 86_400_000;
    const episodes = Math.floor(STORED / 2 / SERIES);
    const every = (60 * DAY) / episodes;
    process.stderr.write(
      `storing ${STORED} events (${SERIES} series, ${episodes} firings each over 60 days)...\n`,
    );
    let started = Date.now();
    // event g: series s = (g / 2) % SERIES, its firing k = (g / 2) / SERIES,
    // the firing (even g) or its resolution (odd g)
    await knex.raw(
      `
      INSERT INTO alert_events
        (alertmanager, fingerprint, alertname, severity, labels, status,
         starts_at, ends_at, received_at, via)
      SELECT 'lab', lpad(to_hex(s), 16, '0'), 'Alert' || (s / ?),
        CASE WHEN s % 5 = 0 THEN 'critical' ELSE 'warning' END,
        '{"alertname":"Alert' || (s / ?) || '","severity":"' ||
          CASE WHEN s % 5 = 0 THEN 'critical' ELSE 'warning' END ||
          '","service":"svc-' || (s % ?) || '","instance":"node-' || (s % 10) || ':9100"}',
        CASE WHEN g % 2 = 0 THEN 'firing' ELSE 'resolved' END,
        to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        CASE WHEN g % 2 = 1 THEN to_char((t + d) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END,
        to_char((t + CASE WHEN g % 2 = 1 THEN d ELSE interval '5 seconds' END) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'webhook'
      FROM (
        SELECT g, s,
          to_timestamp((?::float8 + k * ?::float8 + (s * 7919::bigint) % ?::bigint) / 1000.0) AS t,
          make_interval(mins => 5 + ((s + k) % 55)) AS d
        FROM (
          SELECT g, (g / 2) % ? AS s, (g / 2) / ? AS k
          FROM generate_series(0, ? - 1) AS g
        ) numbered
      ) timed
      `,
      [
        SERVICES,
        SERVICES,
        SERVICES,
        now - 60 * DAY,
        every,
        Math.floor(every),
        SERIES,
        SERIES,
        episodes * SERIES * 2,
      ],
    );
    await knex.raw('ANALYZE alert_events');
    const insertSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    // the migrations since (run by the plugin at start) over the stored events
    const history = await HistoryStore.create({
      getClient: async () => knex!,
      migrations: { skip: false },
    } as any);
    await knex.raw('VACUUM ANALYZE');
    // the load's dirty pages written out now, not during the reads (a
    // superuser's right; without it the reads may meet the checkpoint)
    await knex.raw('CHECKPOINT').catch(() => undefined);
    const migrateSeconds = (Date.now() - started) / 1000;
    const stored = await history.count();

    const entities: Entity[] = [];
    for (let n = 0; n < SERVICES; n++) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: `svc-${n}`,
          namespace: 'default',
          annotations: {
            'homelab-portal.io/alert-matchers': `service="svc-${n}"`,
          },
        },
        spec: {
          type: 'service',
          owner: 'group:default/admins',
          lifecycle: 'production',
          system: `system-${n % SYSTEMS}`,
        },
        relations: [
          { type: 'partOf', targetRef: `system:default/system-${n % SYSTEMS}` },
        ],
      });
    }
    for (let m = 0; m < SYSTEMS; m++) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: `system-${m}`, namespace: 'default' },
        spec: { owner: 'group:default/admins' },
        relations: Array.from({ length: SERVICES / SYSTEMS }, (_, i) => ({
          type: 'hasPart',
          targetRef: `component:default/svc-${m + i * SYSTEMS}`,
        })),
      });
    }
    const alerts = AlertsService.create({
      catalog: new InMemoryCatalogClient({ entities }) as any,
      logger: quietLogger,
      source: new DemoAlertSource(),
      history,
      ackMinutes: 15,
    });
    const user = {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: 'user:default/bench' },
    };
    const app = express();
    app.use(
      '/api/alerts',
      await createRouter({
        httpAuth: { credentials: async () => user } as any,
        permissions: {} as any,
        logger: quietLogger,
        alerts,
        webhookToken: TOKEN,
      }),
    );
    // the floor on this machine now: one request, one trivial query
    app.get('/baseline', async (_req, res) => {
      await knex!.raw('SELECT 1');
      res.json({});
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server!.once('listening', resolve));
    const base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/alerts`;
    // the reads come from a worker thread (see historyReader.cjs), in two
    // passes: memory is flat if the second adds nothing to the first
    type Times = Record<
      'baseline' | 'card' | 'page' | 'next' | 'systemCard' | 'systemPage',
      number[]
    >;
    const readPass = () =>
      new Promise<{ times: Times; firings: number }>((resolve, reject) => {
        const reader = new Worker(resolvePath(__dirname, 'historyReader.cjs'), {
          workerData: {
            base,
            root: base.replace(/\/api\/alerts$/, ''),
            reads: READS,
            services: SERVICES,
            systems: SYSTEMS,
          },
        });
        reader.on('message', message => {
          if (message.error) reject(new Error(message.error));
          else if (message.times) resolve(message);
        });
        reader.on('error', reject);
        reader.on('exit', code => {
          if (code !== 0) reject(new Error(`the reader stopped with ${code}`));
        });
      });
    const before = memory();
    let peak = before.rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
    }, 100);
    const passes: Array<{ times: Times; firings: number }> = [];
    const after: Array<ReturnType<typeof memory>> = [];
    try {
      for (let pass = 0; pass < 2; pass++) {
        passes.push(await readPass());
        after.push(memory());
      }
    } finally {
      clearInterval(sampler);
    }
    const joined = (key: keyof Times) =>
      passes.flatMap(pass => pass.times[key]);
    const baseline = joined('baseline');
    const card = joined('card');
    const page = joined('page');
    const next = joined('next');
    const systemCard = joined('systemCard');
    const systemPage = joined('systemPage');
    const firings = passes[0].firings;
    const p = (values: number[], q: number) =>
      percentile(
        [...values].sort((a, b) => a - b),
        q,
      ).toFixed(2);
    const all = [...card, ...page, ...next, ...systemCard, ...systemPage];
    console.log(
      `history: ${stored} events stored in ${insertSeconds.toFixed(
        0,
      )} s, later migrations over them in ${migrateSeconds.toFixed(1)} s`,
    );
    console.log(
      `reads, one at a time, two passes: ${
        READS * 2
      } entity cards and history pages (+ ${next.length} next pages), ${(
        firings / READS
      ).toFixed(0)} firings in 30 days per card on average`,
    );
    console.log(
      `  entity card, service (10 series):  p50 ${p(card, 50)} ms, p99 ${p(
        card,
        99,
      )} ms`,
    );
    console.log(
      `  entity card, system (200 series):  p50 ${p(
        systemCard,
        50,
      )} ms, p99 ${p(systemCard, 99)} ms`,
    );
    console.log(
      `  history page 1, service:           p50 ${p(page, 50)} ms, p99 ${p(
        page,
        99,
      )} ms`,
    );
    console.log(
      `  history page 1, system:            p50 ${p(
        systemPage,
        50,
      )} ms, p99 ${p(systemPage, 99)} ms`,
    );
    console.log(
      `  history next page (cursor):        p50 ${p(next, 50)} ms, p99 ${p(
        next,
        99,
      )} ms`,
    );
    const mib = (m: ReturnType<typeof memory>[]) =>
      m.map(x => x.rss.toFixed(0)).join(' -> ');
    console.log(
      `memory (after a GC; RSS includes the reader's thread while it runs): RSS ${mib(
        [before, ...after],
      )} MiB (before, after pass 1, after pass 2; peak ${peak.toFixed(
        0,
      )}), server heap ${[before, ...after]
        .map(x => x.heap.toFixed(1))
        .join(' -> ')} MiB`,
    );
    console.log(
      `baseline, one request with one SELECT 1: p50 ${p(
        baseline,
        50,
      )} ms, p99 ${p(baseline, 99)} ms (the machine's floor, same run)`,
    );
    console.log(`history reads p99, all (target < 20 ms): ${p(all, 99)} ms`);
  } finally {
    server?.closeAllConnections();
    server?.close();
    await knex?.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}

async function main() {
  if (STORED > 0) await historyReads();
  await ingest({ baseUrl, count: COUNT, rate: RATE, token: TOKEN });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
