/*
 * yarn bench:backups [entities] [backups]
 *
 * Compliance for 500 entities over 20,000 Velero Backup objects served by a
 * fake Kubernetes API (objects checked against Velero's CRDs), read in pages
 * as the plugin does; against one plain list call of the same objects from
 * the same API, in the same run. Prints our time, the plain list's time, and
 * the ratio last. Medians of 5 runs each, alternating.
 */
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { SEED_POLICIES } from '@homelab-portal/plugin-backups-common';
import { FakeKube, backup } from '../src/__testUtils__/fakeKube';
import { BackupsService } from '../src/services/BackupsService';
import { ResticReader } from '../src/services/ResticReader';
import { LiveBackupSource } from '../src/services/sources';
import { VeleroReader } from '../src/services/VeleroReader';

const ENTITIES = Number(process.argv[2] ?? 500);
const BACKUPS = Number(process.argv[3] ?? 20_000);
const RUNS = 5;
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

async function main() {
  const kube = new FakeKube();
  const now = Date.now();
  const policies = ['databases', 'configs', 'cluster-state'];
  process.stderr.write(
    `generating ${BACKUPS} backups for ${ENTITIES} entities...\n`,
  );
  for (let i = 0; i < BACKUPS; i++) {
    const n = i % ENTITIES;
    const at = now - Math.floor(i / ENTITIES) * 3600_000;
    const phase = i % 97 === 0 ? 'Failed' : 'Completed';
    kube.add(
      'backups',
      backup(`svc-${n}-${i}`, {
        phase,
        namespaces: [`ns-${n}`],
        schedule: `svc-${n}-${policies[n % 3]}`,
        started: new Date(at - 60_000).toISOString(),
        completed: phase === 'Completed' ? new Date(at).toISOString() : null,
        expiration: new Date(at + 72 * 3600_000).toISOString(),
        ttl: '72h0m0s',
        failureReason: phase === 'Failed' ? 'hook failed' : undefined,
      }),
    );
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

  const ours: number[] = [];
  const plain: number[] = [];
  let checked = 0;
  const measureOurs = async () => {
    // a fresh source each time: nothing cached between runs
    const service = BackupsService.create({
      catalog,
      source: new LiveBackupSource({
        clusters: [cluster],
        repositories: [],
        velero: new VeleroReader({ namespace: 'velero', timeoutMs: 60_000 }),
        restic: new ResticReader(),
        logger: quietLogger,
        cacheSeconds: 0,
      }),
      policies: SEED_POLICIES,
      policyByType: {},
    });
    const start = process.hrtime.bigint();
    const overview = await service.overview(user);
    ours.push(Number(process.hrtime.bigint() - start) / 1e6);
    checked = overview.policies.reduce((sum, p) => sum + p.entities.length, 0);
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
    if (body.items.length !== BACKUPS)
      throw new Error('the plain list is short');
    plain.push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  await measureOurs();
  await measurePlain();
  ours.length = 0;
  plain.length = 0;
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      await measureOurs();
      await measurePlain();
    } else {
      await measurePlain();
      await measureOurs();
    }
  }
  await kube.stop();
  console.log(`entities judged:           ${checked} over ${BACKUPS} backups`);
  console.log(
    `compliance, ours:          ${median(ours).toFixed(
      0,
    )} ms (median of ${RUNS})`,
  );
  console.log(`one plain list call:       ${median(plain).toFixed(0)} ms`);
  console.log(
    `ratio (ours / plain list): ${(median(ours) / median(plain)).toFixed(2)}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
