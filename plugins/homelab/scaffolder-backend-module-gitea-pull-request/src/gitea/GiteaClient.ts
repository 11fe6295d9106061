import {
  UpstreamError,
  fetchUpstream,
  upstreamReason,
} from '@homelab-portal/plugin-homelab-node';

/** A Gitea or Forgejo API failure, with the upstream status and message. */
export class GiteaError extends UpstreamError {
  name = 'GiteaError';
}

export interface GiteaPullRequest {
  number: number;
  html_url: string;
  head: { ref: string };
  base: { ref: string };
  state: string;
}

/**
 * The few Gitea/Forgejo API v1 calls a GitOps pull request needs (shapes from
 * Gitea's swagger: CreatePullRequestOption, PullReviewRequestOptions).
 */
export class GiteaClient {
  constructor(
    private readonly options: {
      baseUrl: string;
      username?: string;
      password?: string;
      timeoutMs?: number;
    },
  ) {}

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { baseUrl, username, password, timeoutMs = 15_000 } = this.options;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (password) {
      headers.authorization = username
        ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
        : `token ${password}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const { response, text } = await fetchUpstream(
      `Gitea ${method} ${path}`,
      `${baseUrl.replace(/\/$/, '')}/api/v1${path}`,
      {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs,
        errorClass: GiteaError,
      },
    );
    if (!response.ok) {
      const hint: Record<number, string> = {
        401: 'the integration credentials were refused',
        403: 'the integration user may not do this',
        404: 'no such repository, or the user cannot see it',
        409: 'it conflicts with an existing pull request or branch',
        422: 'Gitea refused the request as invalid',
      };
      throw new GiteaError(
        `Gitea ${method} ${path} answered ${response.status}${
          hint[response.status] ? ` (${hint[response.status]})` : ''
        }: ${upstreamReason(text)}`,
        { status: response.status },
      );
    }
    return (response.status === 204 ? undefined : JSON.parse(text)) as T;
  }

  async getDefaultBranch(owner: string, repo: string): Promise<string> {
    const repository = await this.call<{ default_branch: string }>(
      'GET',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`,
    );
    return repository.default_branch;
  }

  async findOpenPullRequest(
    owner: string,
    repo: string,
    head: string,
  ): Promise<GiteaPullRequest | undefined> {
    for (let page = 1; page <= 20; page++) {
      const pulls = await this.call<GiteaPullRequest[]>(
        'GET',
        `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
          repo,
        )}/pulls?state=open&limit=50&page=${page}`,
      );
      const found = pulls.find(pull => pull.head?.ref === head);
      if (found || pulls.length < 50) return found;
    }
    return undefined;
  }

  async labelIds(
    owner: string,
    repo: string,
    names: string[],
  ): Promise<number[]> {
    if (names.length === 0) return [];
    const labels = await this.call<Array<{ id: number; name: string }>>(
      'GET',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
        repo,
      )}/labels?limit=100`,
    );
    const missing = names.filter(name => !labels.some(l => l.name === name));
    if (missing.length > 0) {
      throw new GiteaError(
        `Labels not found in ${owner}/${repo}: ${missing.join(', ')}`,
        { status: 422 },
      );
    }
    return names.map(name => labels.find(l => l.name === name)!.id);
  }

  async createPullRequest(
    owner: string,
    repo: string,
    options: {
      head: string;
      base: string;
      title: string;
      body: string;
      labels: number[];
    },
  ): Promise<GiteaPullRequest> {
    return this.call<GiteaPullRequest>(
      'POST',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/pulls`,
      options,
    );
  }

  async requestReviewers(
    owner: string,
    repo: string,
    index: number,
    reviewers: string[],
  ): Promise<void> {
    if (reviewers.length === 0) return;
    await this.call(
      'POST',
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
        repo,
      )}/pulls/${index}/requested_reviewers`,
      { reviewers },
    );
  }
}
