import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '@backstage/config';
import {
  BackupPolicy,
  SEED_POLICIES,
} from '@homelab-portal/plugin-backups-common';
import { ResticRepository } from './services/ResticReader';
import type { ArgoCdSettings } from './readiness/ArgoCdReader';
import type { OffSiteSettings, ReadinessSettings } from './readiness/compute';
import {
  Cluster,
  readKubernetesClusters,
} from '@homelab-portal/plugin-homelab-node';

export type BackupsConfig = {
  clusters: Cluster[];
  veleroNamespace: string;
  repositories: ResticRepository[];
  policies: BackupPolicy[];
  policyByType: Record<string, string>;
  timeoutMs: number;
  cacheSeconds: number;
  argocd?: ArgoCdSettings;
  readiness: Omit<ReadinessSettings, 'policies'>;
  drills: {
    scratchDirectory: string;
    timeoutSeconds: number;
    sampleSize: number;
    pollSeconds: number;
  };
};

/** The TechDocs pages of the four runbooks, unless backups.readiness.runbooks says otherwise. */
export const DEFAULT_RUNBOOKS: ReadinessSettings['runbooks'] = {
  partial: '/docs/default/component/runbooks/recovery/partial-failure/',
  node: '/docs/default/component/runbooks/recovery/node-failure/',
  cluster: '/docs/default/component/runbooks/recovery/cluster-failure/',
  site: '/docs/default/component/runbooks/recovery/site-failure/',
};

/** A runbook link is a path in the portal or an http(s) URL, never javascript: or data:. */
function runbookUrl(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return value;
  } catch {
    // refused below
  }
  throw new Error(
    `backups.readiness.runbooks: "${value.slice(
      0,
      100,
    )}" is neither a path in the portal nor an http(s) URL`,
  );
}

/**
 * The clusters come from the Kubernetes plugin's configuration
 * (`kubernetes.clusterLocatorMethods`, type `config`), as the issue asks;
 * the rest from `backups.*` (see config.d.ts).
 */
export function readBackupsConfig(root: Config): BackupsConfig {
  const clusters = readKubernetesClusters(root);
  const config = root.getOptionalConfig('backups');
  const policies =
    config?.getOptionalConfigArray('policies')?.map(p => ({
      name: p.getString('name'),
      title: p.getOptionalString('title') ?? p.getString('name'),
      rpoSeconds: p.getNumber('rpoHours') * 3600,
      retentionSeconds:
        p.getOptionalNumber('retentionDays') === undefined
          ? null
          : p.getNumber('retentionDays') * 86400,
      tool: p.getString('tool') as BackupPolicy['tool'],
    })) ?? SEED_POLICIES;
  const repositories =
    config?.getOptionalConfigArray('restic.repositories') ?? [];
  const offSite: OffSiteSettings = {
    veleroLocations:
      config?.getOptionalStringArray('offSite.veleroLocations') ?? [],
    resticRepositories: repositories
      .filter(r => r.getOptionalBoolean('offSite'))
      .map(r => ({
        name: r.getString('name'),
        copyOf: r.getOptionalString('copyOf'),
      })),
    maxAgeSeconds:
      (config?.getOptionalNumber('offSite.maxAgeHours') ?? 168) * 3600,
  };
  const runbooks = config?.getOptionalConfig('readiness.runbooks');
  return {
    clusters,
    veleroNamespace: config?.getOptionalString('velero.namespace') ?? 'velero',
    repositories:
      config?.getOptionalConfigArray('restic.repositories')?.map(r => ({
        name: r.getString('name'),
        repository: r.getString('repository'),
        password: r.getString('password'),
      })) ?? [],
    policies,
    policyByType:
      config?.getOptional<Record<string, string>>('policyByType') ?? {},
    timeoutMs: (config?.getOptionalNumber('timeoutSeconds') ?? 20) * 1000,
    cacheSeconds: config?.getOptionalNumber('cacheSeconds') ?? 60,
    argocd: config?.has('argocd')
      ? {
          baseUrl: config.getString('argocd.baseUrl'),
          token: config.getOptionalString('argocd.token'),
        }
      : undefined,
    readiness: {
      runbooks: {
        partial: runbookUrl(
          runbooks?.getOptionalString('partial'),
          DEFAULT_RUNBOOKS.partial,
        ),
        node: runbookUrl(
          runbooks?.getOptionalString('node'),
          DEFAULT_RUNBOOKS.node,
        ),
        cluster: runbookUrl(
          runbooks?.getOptionalString('cluster'),
          DEFAULT_RUNBOOKS.cluster,
        ),
        site: runbookUrl(
          runbooks?.getOptionalString('site'),
          DEFAULT_RUNBOOKS.site,
        ),
      },
      offSite,
      drillMaxAgeSeconds:
        (config?.getOptionalNumber('readiness.drillMaxAgeDays') ?? 90) * 86400,
      ignoreNamespaces: config?.getOptionalStringArray(
        'readiness.ignoreNamespaces',
      ) ?? ['kube-system', 'kube-public', 'kube-node-lease'],
      localStorageClasses: config?.getOptionalStringArray(
        'readiness.localStorageClasses',
      ) ?? ['local-path', 'local-storage', 'openebs-hostpath'],
    },
    drills: {
      scratchDirectory:
        config?.getOptionalString('drills.scratchDirectory') ??
        join(tmpdir(), 'homelab-portal-drills'),
      timeoutSeconds:
        (config?.getOptionalNumber('drills.timeoutMinutes') ?? 30) * 60,
      sampleSize: config?.getOptionalNumber('drills.sampleSize') ?? 5,
      pollSeconds: config?.getOptionalNumber('drills.pollSeconds') ?? 60,
    },
  };
}
