import { readFileSync } from 'node:fs';
import { Config } from '@backstage/config';
import {
  BackupPolicy,
  SEED_POLICIES,
} from '@homelab-portal/plugin-backups-common';
import { ResticRepository } from './services/ResticReader';
import { Cluster } from './services/VeleroReader';

const SERVICE_ACCOUNT_TOKEN =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

export type BackupsConfig = {
  clusters: Cluster[];
  veleroNamespace: string;
  repositories: ResticRepository[];
  policies: BackupPolicy[];
  policyByType: Record<string, string>;
  timeoutMs: number;
  cacheSeconds: number;
};

/**
 * The clusters come from the Kubernetes plugin's configuration
 * (`kubernetes.clusterLocatorMethods`, type `config`), as the issue asks;
 * the rest from `backups.*` (see config.d.ts).
 */
export function readBackupsConfig(root: Config): BackupsConfig {
  const clusters: Cluster[] = [];
  for (const method of root.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    if (method.getString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      let token = cluster.getOptionalString('serviceAccountToken');
      if (
        !token &&
        cluster.getOptionalString('authProvider') === 'serviceAccount'
      ) {
        try {
          token = readFileSync(SERVICE_ACCOUNT_TOKEN, 'utf8').trim();
        } catch {
          token = undefined;
        }
      }
      let caData = cluster.getOptionalString('caData');
      const caFile = cluster.getOptionalString('caFile');
      if (!caData && caFile) {
        try {
          caData = readFileSync(caFile).toString('base64');
        } catch {
          caData = undefined;
        }
      }
      clusters.push({
        name: cluster.getString('name'),
        url: cluster.getString('url'),
        serviceAccountToken: token,
        caData,
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
      });
    }
  }
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
  };
}
