/*
 * yarn bench:cybernetics [entities]
 *
 * One sense + analyse cycle over a homelab of 1,000 entities (100 nodes, 900
 * services): the alerts, backups and energy plugin APIs are served over HTTP
 * with generated answers (300 active alerts, backup compliance for every
 * service, a week of hourly power for every node and the ten top services),
 * read as the loop reads them, then evaluated with the shipped policies.
 * Each of 21 runs (after two warm-ups) times the fetching and the policy
 * evaluation of the same cycle. Prints the fetch time, the cycle time and,
 * last, the median per-run ratio cycle/fetch (target <= 1.10).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { evaluatePolicies } from '../src/analyse/PolicyEngine';
import { DEFAULT_POLICIES } from '../src/analyse/policies';
import { DefaultAlertsService } from '@homelab-portal/plugin-alerts-node';
import { DefaultBackupsService } from '@homelab-portal/plugin-backups-node';
import { DefaultEnergyService } from '@homelab-portal/plugin-energy-node';
import { SignalReader } from '../src/sense/SignalReader';

const ENTITIES = Number(process.argv[2] ?? 1000);
const NODES = Math.round(ENTITIES / 10);
const SERVICES = ENTITIES - NODES;
const RUNS = 21;

const nodes = Array.from(
  { length: NODES },
  (_, i) => `resource:default/node-${i}`,
);
const services = Array.from(
  { length: SERVICES },
  (_, i) => `component:default/svc-${i}`,
);
const ALERTNAMES = [
  'NodeDown',
  'DiskFull',
  'HighCPU',
  'HighMemory',
  'CertExpiring',
  'Watchdog',
];

const alerts = {
  source: 'alertmanager',
  alerts: Array.from({ length: 300 }, (_, i) => {
    const ref = i % 3 === 0 ? nodes[i % NODES] : services[i % SERVICES];
    return {
      alertmanager: 'lab',
      fingerprint: `fp-${i}`,
      alertname: ALERTNAMES[i % ALERTNAMES.length],
      severity: i % 2 ? 'warning' : 'critical',
      labels: {
        alertname: ALERTNAMES[i % ALERTNAMES.length],
        node: `node-${i % NODES}`,
        mountpoint: '/',
      },
      annotations: { summary: `alert ${i}` },
      startsAt: new Date(Date.now() - i * 60_000).toISOString(),
      state: i % 10 === 0 ? 'suppressed' : 'active',
      silencedBy: [],
      inhibitedBy: [],
      entityRefs: [ref, 'system:default/everything'],
      matchedEntityRefs: [ref],
    };
  }),
  bySeverity: {},
  unmapped: 0,
  warnings: [],
};
const RPO = ['ok', 'ok', 'ok', 'late', 'breached'];
const backups = {
  source: 'live',
  policies: ['databases', 'configs', 'media'].map((name, p) => ({
    policy: {
      name,
      title: name,
      rpoSeconds: 3600,
      retentionSeconds: null,
      tool: 'velero',
    },
    entities: services
      .filter((_, i) => i % 3 === p)
      .map((entityRef, i) => ({
        entityRef,
        rpo: RPO[i % RPO.length],
        retention: 'ok',
        lastGoodAt: new Date(Date.now() - i * 1000).toISOString(),
      })),
  })),
  unprotected: [],
  days: [],
  warnings: [],
};
const energy = {
  source: 'prometheus',
  at: new Date().toISOString(),
  nodes: nodes.map(entityRef => ({
    entityRef,
    powerW: 30,
    energyKWh24h: 0.7,
    cost24h: 0.2,
  })),
  systems: [],
  top: services.slice(0, 10).map((entityRef, i) => ({
    namespace: 'apps',
    pod: `svc-${i}-abc`,
    entityRef,
    energyKWh: 1,
    cost: 0.3,
    co2Kg: 0.1,
  })),
  warnings: [],
};
function series(entityRef: string) {
  const seed = entityRef.length;
  const now = Date.now();
  return {
    entityRef,
    source: 'prometheus',
    start: new Date(now - 7 * 86_400_000).toISOString(),
    end: new Date(now).toISOString(),
    stepSeconds: 3600,
    points: Array.from({ length: 168 }, (_, i) => ({
      t: now - (168 - i) * 3_600_000,
      w: 25 + ((i * 7 + seed) % 11),
    })),
    warnings: [],
  };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const bodies = new Map<string, string>([
    ['/api/alerts/overview', JSON.stringify(alerts)],
    ['/api/backups/overview', JSON.stringify(backups)],
    ['/api/energy/overview', JSON.stringify(energy)],
  ]);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bench');
    const body =
      url.pathname === '/api/energy/series'
        ? JSON.stringify(series(url.searchParams.get('entityRef') ?? ''))
        : bodies.get(url.pathname);
    if (!body) {
      res.writeHead(404).end('{}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const transport = {
    discovery: {
      getBaseUrl: async (id: string) => `${base}/${id}`,
      getExternalBaseUrl: async (id: string) => `${base}/${id}`,
    },
    auth: mockServices.auth(),
    timeoutMs: 30_000,
  };
  const reader = new SignalReader({
    ...transport,
    alerts: DefaultAlertsService.create(transport),
    backups: DefaultBackupsService.create(transport),
    energy: DefaultEnergyService.create(transport),
  });

  // Each run is one cycle, timed in two parts: fetching the signals, then
  // evaluating the policies over them. The ratio is taken per run, so both
  // parts see the same machine at the same moment.
  let findings = 0;
  let signals = 0;
  const runOnce = async () => {
    const t0 = performance.now();
    const sensed = await reader.read();
    const t1 = performance.now();
    findings = evaluatePolicies(sensed.signals, DEFAULT_POLICIES).length;
    const t2 = performance.now();
    signals = sensed.signals.length;
    return { fetchMs: t1 - t0, evalMs: t2 - t1, cycleMs: t2 - t0 };
  };
  await runOnce();
  await runOnce();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce());
  server.closeAllConnections();
  server.close();
  const fetchMs = median(runs.map(r => r.fetchMs));
  const cycleMs = median(runs.map(r => r.cycleMs));
  const evalMs = median(runs.map(r => r.evalMs));
  const ratio = median(runs.map(r => r.cycleMs / r.fetchMs));
  console.log(
    `entities: ${ENTITIES} (${NODES} nodes, ${SERVICES} services); signals per cycle: ${signals}; findings: ${findings}`,
  );
  console.log(`policy evaluation: median ${evalMs.toFixed(2)} ms`);
  console.log(
    `fetching the signals: median ${fetchMs.toFixed(1)} ms over ${RUNS} runs`,
  );
  console.log(
    `cycle (fetch + policies): median ${cycleMs.toFixed(
      1,
    )} ms over ${RUNS} runs`,
  );
  console.log(`ratio cycle/fetch (median per run): ${ratio.toFixed(3)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
