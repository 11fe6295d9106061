import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { invalidBranchReason } from './refs';
import { invalidRepositoryPathReason } from './LocalGitRepository';

/** `homelab.localForge`: the local Git repository that stands in for a forge. */
export interface LocalForgeConfig {
  /** The forge host whose repositories it stands in for, e.g. git.lab.local. */
  host: string;
  /** The repository's folder, relative to the backend's working directory. */
  directory: string;
  /** The portal's frontend, where a change is viewed (app.baseUrl). */
  appBaseUrl: string;
}

/** Reads `homelab.localForge`, or undefined when there is none (production). */
export function readLocalForgeConfig(
  config: Config,
): LocalForgeConfig | undefined {
  const local = config.getOptionalConfig('homelab.localForge');
  if (!local) return undefined;
  const host = local.getString('host');
  if (!/^[a-z0-9.-]+(:[0-9]{1,5})?$/i.test(host)) {
    throw new InputError(
      `homelab.localForge.host ${JSON.stringify(host)} is not a host name`,
    );
  }
  return {
    host,
    directory: local.getString('directory'),
    appBaseUrl: config.getString('app.baseUrl').replace(/\/+$/, ''),
  };
}

const CHANGE_PATH = '/kratix/local-git/';
const SHA = /^[0-9a-f]{40}$/;

/** A change in the local repository: what a pull request URL names on a forge. */
export interface LocalChange {
  sha: string;
  branch: string;
  /** The file the link opens. */
  path: string;
}

/**
 * The portal page of a change in the local repository (the kratix plugin's
 * read-only view): the template's link to the rendered file, and the URL the
 * request tracker follows in place of a pull request's.
 */
export function localChangeUrl(appBaseUrl: string, change: LocalChange) {
  const query = new URLSearchParams({
    branch: change.branch,
    path: change.path,
  });
  return `${appBaseUrl}${CHANGE_PATH}${change.sha}?${query}`;
}

/**
 * The change a URL made by localChangeUrl names, undefined for a URL
 * elsewhere, and InputError for one under the page that is malformed.
 */
export function parseLocalChangeUrl(
  appBaseUrl: string,
  url: string,
): LocalChange | undefined {
  let parsed: URL;
  let base: URL;
  try {
    parsed = new URL(url);
    base = new URL(`${appBaseUrl}${CHANGE_PATH}`);
  } catch {
    return undefined;
  }
  if (
    parsed.origin !== base.origin ||
    !parsed.pathname.startsWith(base.pathname)
  ) {
    return undefined;
  }
  const refuse = (why: string) =>
    new InputError(`${url.slice(0, 200)} is not a local change URL: ${why}`);
  const sha = parsed.pathname.slice(base.pathname.length);
  if (!SHA.test(sha)) throw refuse('no commit id');
  if (parsed.hash || parsed.username || parsed.password) {
    throw refuse('it has credentials or a fragment');
  }
  const keys = [...parsed.searchParams.keys()].sort().join(',');
  if (keys !== 'branch,path') throw refuse('it needs branch and path, once');
  const branch = parsed.searchParams.get('branch')!;
  const file = parsed.searchParams.get('path')!;
  const branchReason = invalidBranchReason(branch);
  if (branchReason) throw refuse(`the branch ${branchReason}`);
  const pathReason = invalidRepositoryPathReason(file);
  if (pathReason) throw refuse(`the path ${pathReason}`);
  return { sha, branch, path: file };
}
