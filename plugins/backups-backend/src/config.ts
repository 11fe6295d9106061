import { Config } from '@backstage/config';
import {
  BackupPolicy,
  SEED_POLICIES,
} from '@homelab-portal/plugin-backups-common';
import { ResticRepository } from './services/ResticReader';
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
};

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
