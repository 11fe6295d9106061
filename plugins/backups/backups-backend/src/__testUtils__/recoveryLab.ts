import '@homelab-portal/test-utils/fixtures';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Entity } from '@backstage/catalog-model';
import { FakeArgoCd, FakeKubeApi } from '@homelab-portal/test-utils';
import { parse } from 'yaml';

const run = promisify(execFile);
export const RESTIC = '/usr/bin/restic';
export const PASSWORD = 'recovery-lab-password';

// Velero's own CRDs, from the shared fixtures (never modified).
const VELERO_CRDS = resolve(
  __dirname,
  '../../../../../../shared/fixtures/velero/crds',
);

export function veleroCrds() {
  return readdirSync(VELERO_CRDS)
    .filter(f => f.endsWith('.yaml'))
    .map(f => parse(readFileSync(join(VELERO_CRDS, f), 'utf8')));
}

export const ago = (hours: number) =>
  new Date(Date.now() - hours * 3600_000).toISOString();

export function component(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/admins',
      lifecycle: 'production',
    },
  };
}

export function node(name: string, ready = true) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'Unknown',
          reason: ready ? 'KubeletReady' : 'NodeStatusUnknown',
        },
      ],
    },
  };
}

export function deployment(
  namespace: string,
  name: string,
  options: {
    replicas?: number;
    volumes?: any[];
    nodeSelector?: Record<string, string>;
    ready?: number;
    availableAt?: string;
  } = {},
) {
  const labels = { app: name, 'backstage.io/kubernetes-id': name };
  const replicas = options.replicas ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name, image: `registry.lab.local/${name}:1` }],
          ...(options.volumes ? { volumes: options.volumes } : {}),
          ...(options.nodeSelector
            ? { nodeSelector: options.nodeSelector }
            : {}),
        },
      },
    },
    status: {
      replicas,
      readyReplicas: options.ready ?? replicas,
      ...(options.availableAt
        ? {
            conditions: [
              {
                type: 'Available',
                status: 'True',
                lastTransitionTime: options.availableAt,
              },
            ],
          }
        : {}),
    },
  };
}

export function pdb(namespace: string, app: string) {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app, namespace },
    spec: { minAvailable: 1, selector: { matchLabels: { app } } },
  };
}

export function veleroBackup(
  name: string,
  options: {
    completed: string;
    namespaces?: string[];
    storageLocation?: string;
    phase?: string;
  },
) {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: 'velero' },
    spec: {
      includedNamespaces: options.namespaces ?? ['*'],
      storageLocation: options.storageLocation ?? 'nas',
      ttl: '720h0m0s',
    },
    status: {
      phase: options.phase ?? 'Completed',
      startTimestamp: options.completed,
      completionTimestamp: options.completed,
    },
  };
}

export function storageLocation(
  name: string,
  bucket: string,
  options: { offSite?: boolean; phase?: string } = {},
) {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: {
      name,
      namespace: 'velero',
      ...(options.offSite
        ? { labels: { 'homelab-portal.io/off-site': 'true' } }
        : {}),
    },
    spec: {
      provider: 'aws',
      objectStorage: { bucket },
      config: { region: 'eu-central-1' },
    },
    status: { phase: options.phase ?? 'Available' },
  };
}

export function argoApp(
  name: string,
  syncPolicy?: { automated?: { selfHeal?: boolean; prune?: boolean } },
) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://git.lab.local/homelab/gitops.git',
        path: `apps/${name}`,
        targetRevision: 'main',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: name,
      },
      ...(syncPolicy ? { syncPolicy } : {}),
    },
    status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } },
  };
}

/** Real restic repositories: the media share, and its off-site `restic copy`. */
export class ResticLab {
  dir = '';
  media = '';
  offSite = '';
  data = '';

  env(repository: string) {
    return {
      ...process.env,
      RESTIC_REPOSITORY: repository,
      RESTIC_PASSWORD: PASSWORD,
      RESTIC_CACHE_DIR: join(this.dir, 'cache'),
    };
  }

  async create() {
    this.dir = await mkdtemp(join(tmpdir(), 'recovery-lab-'));
    this.media = join(this.dir, 'media-repo');
    this.offSite = join(this.dir, 'offsite-repo');
    this.data = join(this.dir, 'media');
    await mkdir(join(this.data, 'films'), { recursive: true });
    for (let i = 0; i < 8; i++) {
      await writeFile(
        join(this.data, 'films', `film-${i}.mkv`),
        `frame data ${i} `.repeat(200 + i * 50),
      );
    }
    await run(RESTIC, ['init'], { env: this.env(this.media) });
    await run(
      RESTIC,
      ['backup', this.data, '--tag', 'jellyfin', '--host', 'nas'],
      { env: this.env(this.media) },
    );
    await run(RESTIC, ['init'], { env: this.env(this.offSite) });
  }

  /** `restic copy` of the media repository into the off-site one. */
  async copy() {
    await run(RESTIC, ['copy', '--from-repo', this.media], {
      env: {
        ...this.env(this.offSite),
        RESTIC_FROM_PASSWORD: PASSWORD,
      },
    });
  }

  async snapshotId(repository: string): Promise<string> {
    const { stdout } = await run(RESTIC, ['snapshots', '--json'], {
      env: this.env(repository),
    });
    return JSON.parse(stdout)[0].id;
  }

  async remove() {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export { FakeArgoCd, FakeKubeApi };
