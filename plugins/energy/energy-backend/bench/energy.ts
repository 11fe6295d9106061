/*
 * yarn bench:energy [runs]
 *
 * Against a real Prometheus (Debian's, started here) holding the seed
 * homelab's Kepler series plus 1,000 pods: the energy endpoint's latency for
 * an entity summary and for top consumers over the 1,000 pods, cold (nothing
 * cached) and warm, and the latency of the raw Prometheus queries that give
 * the same answer, measured alternately in the same run. Prints medians; the
 * last line is the worse cold ratio (endpoint / raw Prometheus).
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import express from 'express';
import { AddressInfo } from 'node:net';
import {
  DAY,
  HOUR,
  daily,
  seedScenario,
} from '../src/__testUtils__/keplerScenario';
import { startPrometheus } from '../src/__testUtils__/prometheus';
import { seedCatalog } from '@homelab-portal/test-utils';
import { DEFAULT_ZONES } from '../src/config';
import { createRouter } from '../src/router';
import { EnergyService } from '../src/services/EnergyService';
import { KeplerQueries } from '../src/services/keplerQueries';
import { PrometheusClient } from '../src/services/PrometheusClient';
import { PrometheusEnergySource } from '../src/services/PrometheusEnergySource';

const runs = Number(process.argv[2] ?? 15);
const PODS = 1000;
const END = Math.floor(Date.now() / 1000 / HOUR) * HOUR - HOUR;

const quietLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

// The bench measures the route, not sign-in: every caller is one user.
const user = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
} as any;
const httpAuth: any = { credentials: async () => user };
const permissions: any = { authorize: async () => [{ result: 'ALLOW' }] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const scenario = seedScenario(END);
  for (let i = 0; i < PODS; i++) {
    scenario.add({
      family: 'kepler_pod_cpu_joules',
      type: 'counter',
      labels: {
        node_name: `sff-${(i % 3) + 1}`,
        pod_id: `uid-bench-${i}`,
        pod_name: `bench-${i}-0`,
        pod_namespace: `bench-${i % 50}`,
        state: 'running',
        zone: 'package',
      },
      power: daily(0.5 + (i % 17) / 10, 0.3, i % 24),
      from: END - DAY - 2 * HOUR,
      to: END,
      interval: 120,
    });
  }
  process.stderr.write(`backfilling ${scenario.specs.length} series...\n`);
  const prometheus = await startPrometheus(scenario.series());
  try {
    const queries = new KeplerQueries({
      zones: DEFAULT_ZONES,
      legacyNodeLabel: 'instance',
      scrapeIntervalSeconds: 30,
      powerMetrics: ['smartplug_power_watts'],
    });
    const client = new PrometheusClient({
      baseUrl: prometheus.url,
      timeoutMs: 60_000,
    });
    const cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'energy',
    );
    let now = new Date(END * 1000);
    const energy = EnergyService.create({
      catalog: new InMemoryCatalogClient({ entities: seedCatalog() }) as any,
      cache,
      logger: quietLogger,
      source: new PrometheusEnergySource(client, queries),
      tariff: {
        currency: 'EUR',
        pricePerKWh: 0.32,
        gridIntensityGramsPerKWh: 380,
      },
      isAllowedPowerMetric: m => queries.isAllowedPowerMetric(m),
      scrapeIntervalSeconds: 30,
      cacheTtlSeconds: 30,
      clock: () => now,
    });
    const app = express();
    app.use(
      '/api/energy',
      await createRouter({ httpAuth, permissions, energy }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/energy`;
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`);
      if (!res.ok)
        throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };

    const node = [{ type: 'node' as const, node: 'sff-1' }];
    const cases = [
      {
        name: 'summary of resource:default/sff-1',
        path: '/summary?entityRef=resource%3Adefault%2Fsff-1',
        raw: (at: Date) =>
          Promise.all([
            client.query(queries.targetsPower(node, queries.nowMode()), at),
            client.query(queries.targetsEnergy(node, DAY), at),
            client.query(queries.targetsEnergy(node, 7 * DAY), at),
            client.query(queries.targetsEnergy(node, 30 * DAY), at),
          ]),
      },
      {
        name: `top consumers over ${PODS} pods, 24 h`,
        path: '/top?window=24h&limit=10',
        raw: (at: Date) => client.query(queries.topPodsEnergy(DAY, 10), at),
      },
    ];

    const ratios: number[] = [];
    for (const c of cases) {
      const ours: number[] = [];
      const raw: number[] = [];
      const warm: number[] = [];
      // one warm-up of each, not counted, at a time no measured run uses
      now = new Date(END * 1000);
      await get(c.path);
      await c.raw(now);
      for (let i = 0; i < runs; i++) {
        // a new "now" each run, a minute apart: nothing is cached for it
        now = new Date((END - (i + 1) * 60) * 1000);
        const at = new Date(Math.floor(now.getTime() / 30000) * 30000);
        if (i % 2 === 0) {
          ours.push(await timed(() => get(c.path)));
          raw.push(await timed(() => c.raw(at)));
        } else {
          raw.push(await timed(() => c.raw(at)));
          ours.push(await timed(() => get(c.path)));
        }
        warm.push(await timed(() => get(c.path)));
      }
      const ratio = median(ours) / median(raw);
      ratios.push(ratio);
      console.log(`${c.name}:`);
      console.log(
        `  endpoint, cold:        ${median(ours).toFixed(
          1,
        )} ms (median of ${runs})`,
      );
      console.log(`  raw Prometheus:        ${median(raw).toFixed(1)} ms`);
      console.log(`  endpoint, warm:        ${median(warm).toFixed(2)} ms`);
      console.log(`  ratio (cold / raw):    ${ratio.toFixed(3)}`);
    }
    server.closeAllConnections();
    server.close();
    console.log(
      `ratio, worse of the two (target <= 1.2): ${Math.max(...ratios).toFixed(
        3,
      )}`,
    );
  } finally {
    await prometheus.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
