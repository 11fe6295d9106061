import { InputError } from '@backstage/errors';
import { UpstreamError, getJson } from '../upstream/fetchUpstream';
import { Config } from '@backstage/config';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
  getGiteaRequestOptions,
} from '@backstage/integration';

/** A pull (merge) request as the tracker needs it. */
export type PullRequestState =
  | { state: 'open' }
  | { state: 'merged'; at: string; sha?: string }
  | { state: 'closed'; at: string };

// Owner, repository and group names as the forges allow them: letters,
// digits, "-", "_" and "."; never "." or ".." alone, never "..".
const SAFE_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9_])?$/;
const PULL_NUMBER = /^[1-9][0-9]{0,9}$/;
const MAX_URL_LENGTH = 2048;

function safeName(name: string): boolean {
  return SAFE_NAME.test(name) && !name.includes('..');
}

/**
 * The path segments of a forge URL below its base URL (which may have a path
 * of its own), after refusing anything that could address something else
 * than it seems: dot segments (plain or percent-encoded), backslashes, any
 * percent-encoding, credentials, a query or a fragment.
 */
function segmentsBelow(url: string, base: string, what: string): string[] {
  const refuse = () => {
    throw new InputError(`${url.slice(0, 200)} is not a ${what} URL`);
  };
  if (
    url.length > MAX_URL_LENGTH ||
    // printable ASCII only (no spaces or controls), no "%", backslash or ".."
    /[^!-~]|[%\\]|\.\./.test(url)
  ) {
    refuse();
  }
  const parsed = new URL(url);
  const root = new URL(base);
  const rootPath = root.pathname.replace(/\/+$/, '');
  if (
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash ||
    parsed.origin !== root.origin ||
    !parsed.pathname.startsWith(`${rootPath}/`)
  ) {
    refuse();
  }
  const segments = parsed.pathname.slice(rootPath.length + 1).split('/');
  if (segments.some(segment => segment === '')) refuse();
  return segments;
}

/**
 * Reads pull requests from Gitea/Forgejo (API v1), GitHub (REST v3) and
 * GitLab (API v4, merge requests), with the credentials of the matching
 * `integrations` entry. Only URLs of the exact shape of a pull request page
 * are followed: `/{owner}/{repo}/pulls/{n}` (Gitea), `/{owner}/{repo}/pull/{n}`
 * (GitHub), `/{group}[/{subgroup}...]/{project}/-/merge_requests/{n}` (GitLab).
 */
export class ForgeClient {
  /**
   * @param configuredHosts - when given, only these forge hosts are followed
   *   (an integrations registry also serves github.com and gitlab.com by default)
   */
  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch = fetch,
    private readonly configuredHosts?: readonly string[],
  ) {}

  /**
   * A client for the forges explicitly configured under `integrations`
   * (gitea, github, gitlab), and no others.
   */
  static fromConfig(
    config: Config,
    options: { timeoutMs: number; fetch?: typeof fetch },
  ): ForgeClient {
    const hosts = ['gitea', 'github', 'gitlab'].flatMap(type =>
      (config.getOptionalConfigArray(`integrations.${type}`) ?? []).flatMap(
        entry => {
          // GitHub's host may be left out for github.com (Backstage's default)
          const host =
            entry.getOptionalString('host') ??
            (type === 'github' ? 'github.com' : undefined);
          return host ? [host] : [];
        },
      ),
    );
    return new ForgeClient(
      ScmIntegrations.fromConfig(config),
      options.timeoutMs,
      options.fetch ?? fetch,
      hosts,
    );
  }

  /** Throws InputError for a URL no integration serves or that is not a pull request. */
  locate(url: string): {
    type: string;
    api: string;
    headers: Record<string, string>;
  } {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InputError(`"${url.slice(0, 200)}" is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new InputError('a pull request URL must be http(s)');
    }
    const integration = this.integrations.byUrl(url);
    // any: the integration's config differs per forge type (Gitea, GitHub, GitLab); read per type below
    const config: any = (integration as { config?: unknown } | undefined)
      ?.config;
    if (
      !integration ||
      (this.configuredHosts && !this.configuredHosts.includes(config?.host))
    ) {
      throw new InputError(`no integration serves ${parsed.host}`);
    }
    const { type } = integration;
    if (type === 'gitea') {
      const base = (config.baseUrl ?? `https://${config.host}`).replace(
        /\/+$/,
        '',
      );
      const what = 'Gitea pull request';
      const [owner, repo, pulls, number, ...rest] = segmentsBelow(
        url,
        base,
        what,
      );
      if (
        rest.length > 0 ||
        !safeName(owner) ||
        !safeName(repo ?? '') ||
        pulls !== 'pulls' ||
        !PULL_NUMBER.test(number ?? '')
      ) {
        throw new InputError(`${url.slice(0, 200)} is not a ${what} URL`);
      }
      return {
        type,
        api: `${base}/api/v1/repos/${owner}/${repo}/pulls/${number}`,
        headers: getGiteaRequestOptions(config).headers ?? {},
      };
    }
    if (type === 'github') {
      const what = 'GitHub pull request';
      const [owner, repo, pull, number, ...rest] = segmentsBelow(
        url,
        `${parsed.protocol}//${config.host}`,
        what,
      );
      if (
        rest.length > 0 ||
        !safeName(owner) ||
        !safeName(repo ?? '') ||
        pull !== 'pull' ||
        !PULL_NUMBER.test(number ?? '')
      ) {
        throw new InputError(`${url.slice(0, 200)} is not a ${what} URL`);
      }
      return {
        type,
        api: `${(config.apiBaseUrl ?? 'https://api.github.com').replace(
          /\/+$/,
          '',
        )}/repos/${owner}/${repo}/pulls/${number}`,
        headers: config.token
          ? { authorization: `Bearer ${config.token}` }
          : {},
      };
    }
    if (type === 'gitlab') {
      const what = 'GitLab merge request';
      const segments = segmentsBelow(
        url,
        (config.baseUrl ?? `https://${config.host}`).replace(/\/+$/, ''),
        what,
      );
      const number = segments.pop() ?? '';
      const mergeRequests = segments.pop();
      const dash = segments.pop();
      // a project in up to 20 levels of groups
      if (
        segments.length < 2 ||
        segments.length > 21 ||
        !segments.every(safeName) ||
        dash !== '-' ||
        mergeRequests !== 'merge_requests' ||
        !PULL_NUMBER.test(number)
      ) {
        throw new InputError(`${url.slice(0, 200)} is not a ${what} URL`);
      }
      return {
        type,
        api: `${(config.apiBaseUrl ?? `https://${config.host}/api/v4`).replace(
          /\/+$/,
          '',
        )}/projects/${encodeURIComponent(
          segments.join('/'),
        )}/merge_requests/${number}`,
        headers: config.token ? { 'private-token': config.token } : {},
      };
    }
    throw new InputError(`pull requests on ${type} are not followed`);
  }

  async pullRequest(url: string): Promise<PullRequestState> {
    const { type, api, headers } = this.locate(url);
    const what = `${type} (${new URL(api).host})`;
    const { status, body } = await getJson(
      what,
      api,
      headers,
      this.timeoutMs,
      this.fetchFn,
    );
    if (status === 404) {
      throw new UpstreamError(
        `${what}: the pull request ${url} does not exist`,
      );
    }
    if (type === 'gitlab') {
      if (body.state === 'merged') {
        return {
          state: 'merged',
          at: body.merged_at ?? body.updated_at,
          sha: body.merge_commit_sha ?? body.squash_commit_sha ?? undefined,
        };
      }
      if (body.state === 'closed' || body.state === 'locked') {
        return { state: 'closed', at: body.closed_at ?? body.updated_at };
      }
      return { state: 'open' };
    }
    // Gitea and GitHub share the shape: state open|closed, merged, merged_at.
    if (body.merged) {
      return {
        state: 'merged',
        at: body.merged_at ?? new Date().toISOString(),
        sha: body.merge_commit_sha ?? undefined,
      };
    }
    if (body.state === 'closed') {
      return {
        state: 'closed',
        at: body.closed_at ?? new Date().toISOString(),
      };
    }
    return { state: 'open' };
  }
}
