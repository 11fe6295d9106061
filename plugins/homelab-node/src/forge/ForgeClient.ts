import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  getGiteaRequestOptions,
} from '@backstage/integration';

/** A forge (or another HTTP upstream) did not answer as needed. */
export class UpstreamError extends CustomErrorBase {}

/** GETs JSON with a timeout; a 404 is returned, other failures throw UpstreamError naming `what`. */
export async function getJson(
  what: string,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  fetchFn: typeof fetch,
): Promise<{ status: number; body: any }> {
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(url, {
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new UpstreamError(
        `${what} did not answer within ${timeoutMs / 1000} s`,
      );
    }
    const cause = (error as any)?.cause;
    throw new UpstreamError(
      `${what} cannot be reached (${cause?.code ?? (error as Error).message})`,
    );
  }
  if (response.status === 404) return { status: 404, body: undefined };
  if (!response.ok) {
    let reason = text.slice(0, 200);
    try {
      reason = JSON.parse(text).message ?? reason;
    } catch {
      // not JSON
    }
    throw new UpstreamError(
      `${what} answered HTTP ${response.status}: ${reason}`,
    );
  }
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw new UpstreamError(`${what} answered with an unreadable body`);
  }
}

/** A pull (merge) request as the tracker needs it. */
export type PullRequestState =
  | { state: 'open' }
  | { state: 'merged'; at: string; sha?: string }
  | { state: 'closed'; at: string };

/**
 * Reads pull requests from Gitea/Forgejo (API v1), GitHub (REST v3) and
 * GitLab (API v4, merge requests), with the credentials of the matching
 * `integrations` entry.
 */
export class ForgeClient {
  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

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
      throw new InputError(`"${url}" is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new InputError('a pull request URL must be http(s)');
    }
    const integration = this.integrations.byUrl(url);
    if (!integration) {
      throw new InputError(`no integration serves ${parsed.host}`);
    }
    const { type } = integration;
    const config: any = (integration as { config?: unknown }).config;
    if (type === 'gitea') {
      const base = (config.baseUrl ?? `https://${config.host}`).replace(
        /\/+$/,
        '',
      );
      const m = /^\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/?$/.exec(
        url.slice(base.length).replace(/[?#].*$/, ''),
      );
      if (!url.startsWith(base) || !m) {
        throw new InputError(`${url} is not a Gitea pull request URL`);
      }
      return {
        type,
        api: `${base}/api/v1/repos/${m[1]}/${m[2]}/pulls/${m[3]}`,
        headers: (getGiteaRequestOptions(config) as any).headers ?? {},
      };
    }
    if (type === 'github') {
      const m = /^\/([^/]+)\/([^/]+)\/pull\/(\d+)\/?$/.exec(parsed.pathname);
      if (!m) throw new InputError(`${url} is not a GitHub pull request URL`);
      return {
        type,
        api: `${(config.apiBaseUrl ?? 'https://api.github.com').replace(
          /\/+$/,
          '',
        )}/repos/${m[1]}/${m[2]}/pulls/${m[3]}`,
        headers: config.token
          ? { authorization: `Bearer ${config.token}` }
          : {},
      };
    }
    if (type === 'gitlab') {
      const m = /^\/(.+?)\/-\/merge_requests\/(\d+)\/?$/.exec(parsed.pathname);
      if (!m) throw new InputError(`${url} is not a GitLab merge request URL`);
      return {
        type,
        api: `${(config.apiBaseUrl ?? `https://${config.host}/api/v4`).replace(
          /\/+$/,
          '',
        )}/projects/${encodeURIComponent(m[1])}/merge_requests/${m[2]}`,
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
