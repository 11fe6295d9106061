import { isAbsolute, resolve } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { GitopsLocation } from './services/DnsService';

export type HomelabBackendConfig = {
  dns: { location: GitopsLocation; configured: boolean };
  vault?: {
    baseUrl: string;
    token?: string;
    mounts?: string[];
    prefix: string;
    timeoutMs: number;
  };
};

/** The repository's example GitOps tree (gitops/ beside plugins/). */
export function defaultGitopsDir(): string {
  return resolvePackagePath(
    '@homelab-portal/plugin-homelab-backend',
    '../../../gitops',
  );
}

/** Reads `homelab.dns` and `homelab.vault`; see config.d.ts. */
export function readHomelabBackendConfig(
  root: Config,
  cwd = process.cwd(),
): HomelabBackendConfig {
  const dns = root.getOptionalConfig('homelab.dns');
  const url = dns?.getOptionalString('gitopsUrl');
  const dir = dns?.getOptionalString('gitopsDir');
  if (url && dir) {
    throw new Error(
      'Set homelab.dns.gitopsDir or homelab.dns.gitopsUrl, not both',
    );
  }
  let location: GitopsLocation;
  if (url) location = { url };
  else if (dir) location = { dir: isAbsolute(dir) ? dir : resolve(cwd, dir) };
  else location = { dir: defaultGitopsDir() };
  const vault = root.getOptionalConfig('homelab.vault');
  const baseUrl = vault?.getOptionalString('baseUrl');
  return {
    dns: { location, configured: Boolean(url || dir) },
    vault: baseUrl
      ? {
          baseUrl,
          token: vault?.getOptionalString('token'),
          mounts: vault?.getOptionalStringArray('mounts'),
          prefix: vault?.getOptionalString('prefix') ?? 'homelab/',
          timeoutMs: (vault?.getOptionalNumber('timeoutSeconds') ?? 5) * 1000,
        }
      : undefined,
  };
}
