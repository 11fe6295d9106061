/*
 * yarn bench:backups [entities] [backups]
 *
 * Compliance for 500 entities over 20,000 Velero Backup objects (and 500
 * Schedules) served by a fake Kubernetes API (objects checked against
 * Velero's CRDs; lists page with continue tokens at a resourceVersion, and
 * watches stream changes after one), against one plain list call of the
 * same 20,000 Backups from the same API, in the same run.
 *
 * - cold: a new source each time, as at backend start: Backups, Schedules
 *   and Restores listed in pages of 500 (40 pages of Backups), then judged;
 * - warm: one source kept, as the backend runs: before each read, the next
 *   hour's backups of 50 entities arrive, 50 old ones expire and one turns
 *   Failed; the watch brings them into memory (time reported apart), and the
 *   read is timed and checked to show them.
 *
 * Medians of 7 runs each, alternating with the plain list. Prints both
 * ratios, the warm one (what a person opening the page waits for) last.
 */
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { SEED_POLICIES } from '@homelab-portal/plugin-backups-common';
import { BackupsOverview } from '@homelab-portal/plugin-backups-common';
import { backup } from '../src/__testUtils__/fakeKube';
import { WatchingKube } from '../src/__testUtils__/watchingKube';
import { BackupsService } from '../src/services/BackupsService';
import { ResticReader } from '../src/services/ResticReader';
import { LiveBackupSource } from '../src/services/sources';
import { VeleroReader } from '../src/services/VeleroReader';

const ENTITIES = Number(process.argv[2] ?? 500);
const BACKUPS = Number(process.argv[3] ?? 20_000);
const RUNS = 7;
const quietLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => quietLogger,
};
const user = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
} as any;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never saw ${what}`);
    await new Promise(r => setImmediate(r));
  }
}

async function main() {
  const kube = new WatchingKube();
  const now = Date.now();
  const policies = ['databases', 'configs', 'cluster-state'];
  process.stderr.write(
    `generating ${BACKUPS} backups for ${ENTITIES} entities...\n`,
  );
  const backupOf = (i: number, at: number, phase = 'Completed') => {
    const n = i % ENTITIES;
    return backup(`svc-${n}-${i}`, {
      phase,
      namespaces: [`ns-${n}`],
      schedule: `svc-${n}-${policies[n % 3]}`,
      started: new Date(at - 60_000).toISOString(),
      completed: phase === 'Completed' ? new Date(at).toISOString() : null,
      expiration: new Date(at + 72 * 3600_000).toISOString(),
      ttl: '72h0m0s',
      failureReason: phase === 'Failed' ? 'hook failed' : undefined,
    });
  };
  const hours: string[][] = [];
  for (let i = 0; i < BACKUPS; i++) {
    const hour = Math.floor(i / ENTITIES);
    const at = now - hour * 3600_000;
    (hours[hour] ??= []).push(`svc-${i % ENTITIES}-${i}`);
    kube.add('backups', backupOf(i, at, i % 97 === 0 ? 'Failed' : 'Completed'));
  }
  for (let n = 0; n < ENTITIES; n++) {
    kube.add('schedules', {
      metadata: { name: `svc-${n}-${policies[n % 3]}`, namespace: 'velero' },
      spec: {
        schedule: '0 * * * *',
        template: { includedNamespaces: [`ns-${n}`], ttl: '72h0m0s' },
      },
      status: { phase: 'Enabled' },
    });
  }
  const entities: Entity[] = Array.from({ length: ENTITIES }, (_, n) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${n}`,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-namespace': `ns-${n}`,
        'homelab-portal.io/backup-policy': policies[n % 3],
        'homelab-portal.io/velero-schedules': `svc-${n}-${policies[n % 3]}`,
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/admins',
      lifecycle: 'production',
    },
  }));
  const url = await kube.start();
  const cluster = { name: 'bench', url, serviceAccountToken: kube.token };
  const catalog = new InMemoryCatalogClient({ entities }) as any;
  const newSource = () =>
    new LiveBackupSource({
      clusters: [cluster],
      repositories: [],
      velero: new VeleroReader({ namespace: 'velero', timeoutMs: 60_000 }),
      restic: new ResticReader(),
      logger: quietLogger,
      cacheSeconds: 60,
    });
  const serviceOf = (source: LiveBackupSource) =>
    BackupsService.create({
      catalog,
      source,
      policies: SEED_POLICIES,
      policyByType: {},
    });
  const judged = (overview: BackupsOverview) =>
    overview.policies.reduce((sum, p) => sum + p.entities.length, 0);

  const cold: number[] = [];
  const warm: number[] = [];
  const delivery: number[] = [];
  const plain: number[] = [];
  let checked = 0;
  let pagesPerColdRead = 0;

  const measureCold = async () => {
    const source = newSource();
    const service = serviceOf(source);
    const before = kube.requests.length;
    const start = process.hrtime.bigint();
    const overview = await service.overview(user);
    cold.push(Number(process.hrtime.bigint() - start) / 1e6);
    pagesPerColdRead = kube.requests
      .slice(before)
      .filter(r => r.includes('/backups?') && !r.includes('watch=1')).length;
    checked = judged(overview);
    source.close();
  };

  // the backend: one source, kept current by its watches
  const live = newSource();
  const service = serviceOf(live);
  await service.overview(user);
  let next = BACKUPS;
  const oldestFirst = hours.reverse().flat();
  const measureWarm = async () => {
    // the next hour: 50 entities back up, 50 old backups expire, one fails
    const at = now + (next / ENTITIES + 1) * 3600_000;
    const fresh: string[] = [];
    for (let k = 0; k < 50; k++, next++) {
      const added = backupOf(next, at);
      kube.add('backups', added);
      fresh.push(added.metadata.name);
    }
    for (const name of oldestFirst.splice(0, 50)) {
      kube.remove('backups', name);
    }
    const failing = backupOf(next - 1, at, 'Failed');
    kube.update('backups', failing);
    const sent = process.hrtime.bigint();
    await until(async () => {
      const facts = await live.read();
      const backups = facts.velero[0]?.backups ?? [];
      return (
        backups.some(b => b.id === fresh[0]) &&
        backups.some(
          b => b.id === failing.metadata.name && b.outcome === 'failed',
        )
      );
    }, 'the changes through the watch');
    delivery.push(Number(process.hrtime.bigint() - sent) / 1e6);

    const start = process.hrtime.bigint();
    const overview = await service.overview(user);
    warm.push(Number(process.hrtime.bigint() - start) / 1e6);
    // the read shows the new hour: 49 entities have it as their last good backup
    const iso = new Date(at).toISOString();
    const current = overview.policies
      .flatMap(p => p.entities)
      .filter(e => e.lastGoodAt === iso).length;
    if (current !== 49) {
      throw new Error(
        `the warm read is stale: ${current} of 49 entities show the new hour`,
      );
    }
  };
  const measurePlain = async () => {
    const start = process.hrtime.bigint();
    const res = await fetch(
      `${url}/apis/velero.io/v1/namespaces/velero/backups`,
      {
        headers: { authorization: `Bearer ${kube.token}` },
      },
    );
    const body: any = await res.json();
    if (body.items.length !== kube.objects.get('backups')!.length)
      throw new Error('the plain list is short');
    plain.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  // one of each first, not counted (JIT, connections)
  await measureCold();
  await measureWarm();
  await measurePlain();
  cold.length = 0;
  warm.length = 0;
  delivery.length = 0;
  plain.length = 0;
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      await measureCold();
      await measureWarm();
      await measurePlain();
    } else {
      await measurePlain();
      await measureWarm();
      await measureCold();
    }
  }
  live.close();
  await kube.stop();
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  console.log(
    `entities judged:             ${checked} over ${BACKUPS} backups (${pagesPerColdRead} pages of Backups per cold read)`,
  );
  console.log(`one plain list call:         ${ms(plain)} (median of ${RUNS})`);
  console.log(`ours, cold (list + judge):   ${ms(cold)}`);
  console.log(
    `ours, warm (watched, judge): ${ms(
      warm,
    )}; 101 changes reached memory in ${median(delivery).toFixed(1)} ms`,
  );
  console.log(
    `ratio cold (ours / plain):   ${(median(cold) / median(plain)).toFixed(2)}`,
  );
  console.log(
    `ratio (ours, warm / plain list): ${(median(warm) / median(plain)).toFixed(
      2,
    )}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
