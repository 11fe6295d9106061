/**
 * For tests: a stand-in for GitHub's REST API, `GET
 * /repos/{owner}/{repo}/pulls/{pull_number}`, the one call the tracker makes
 * on GitHub. Its answers are typed with Octokit's types generated from
 * GitHub's OpenAPI description (`@octokit/openapi-types`,
 * `components["schemas"]["pull-request"]`), so a field the tracker reads that
 * GitHub does not send, or sends with another type, fails `tsc`. Errors are
 * GitHub's `basic-error` shape.
 *
 * @packageDocumentation
 */
import type { components } from '@octokit/openapi-types';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

type PullRequest = components['schemas']['pull-request'];
type Repository = components['schemas']['repository'];
type SimpleUser = components['schemas']['simple-user'];
type BasicError = components['schemas']['basic-error'];

function user(login: string, id: number): SimpleUser {
  const api = `https://api.github.com/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

function repository(owner: SimpleUser, name: string): Repository {
  const full = `${owner.login}/${name}`;
  const api = `https://api.github.com/repos/${full}`;
  return {
    id: 4242,
    node_id: 'R_4242',
    name,
    full_name: full,
    license: null,
    forks: 0,
    owner,
    private: true,
    html_url: `https://github.com/${full}`,
    description: 'GitOps repository of the homelab',
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${full}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${full}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `https://github.com/${full}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: `https://github.com/${full}`,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 120,
    default_branch: 'main',
    open_issues_count: 1,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    pushed_at: '2026-11-25T10:00:00Z',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-11-25T10:00:00Z',
    open_issues: 1,
    watchers: 0,
  };
}

/** A fake GitHub API holding the pull requests of one repository. */
export class FakeGitHub {
  private readonly pulls = new Map<number, PullRequest>();
  private server?: Server;
  readonly requests: Array<{ path: string; authorization?: string }> = [];
  private readonly owner: SimpleUser;
  private readonly repo: Repository;

  constructor(
    readonly options: { owner: string; repo: string; token: string },
  ) {
    this.owner = user(options.owner, 1001);
    this.repo = repository(this.owner, options.repo);
  }

  /** Opens a pull request from `head` into main, as a user would. */
  open(head: string, title: string): PullRequest {
    const number = this.pulls.size + 1;
    const api = `${this.repo.url}/pulls/${number}`;
    const html = `${this.repo.html_url}/pull/${number}`;
    const author = user('alice', 2002);
    const link = (href: string) => ({ href });
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const pull: PullRequest = {
      url: api,
      id: 900 + number,
      node_id: `PR_${number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${this.repo.url}/issues/${number}`,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.repo.url}/pulls/comments{/number}`,
      comments_url: `${this.repo.url}/issues/${number}/comments`,
      statuses_url: `${this.repo.url}/statuses/${'a'.repeat(40)}`,
      number,
      state: 'open',
      locked: false,
      title,
      user: author,
      body: null,
      labels: [],
      milestone: null,
      created_at: now,
      updated_at: now,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: {
        label: `${this.owner.login}:${head}`,
        ref: head,
        repo: this.repo,
        sha: 'a'.repeat(40),
        user: this.owner,
      },
      base: {
        label: `${this.owner.login}:main`,
        ref: 'main',
        repo: this.repo,
        sha: 'b'.repeat(40),
        user: this.owner,
      },
      _links: {
        comments: link(`${this.repo.url}/issues/${number}/comments`),
        commits: link(`${api}/commits`),
        statuses: link(`${this.repo.url}/statuses/${'a'.repeat(40)}`),
        html: link(html),
        issue: link(`${this.repo.url}/issues/${number}`),
        review_comments: link(`${api}/comments`),
        review_comment: link(`${this.repo.url}/pulls/comments{/number}`),
        self: link(api),
      },
      author_association: 'CONTRIBUTOR',
      auto_merge: null,
      draft: false,
      merged: false,
      mergeable: true,
      rebaseable: true,
      mergeable_state: 'clean',
      merged_by: null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 12,
      deletions: 0,
      changed_files: 1,
    };
    this.pulls.set(number, pull);
    return pull;
  }

  private update(number: number, change: Partial<PullRequest>) {
    const pull = this.pulls.get(number);
    if (!pull) throw new Error(`no pull request ${number}`);
    this.pulls.set(number, { ...pull, ...change });
  }

  /** Merged, as GitHub then answers: state closed, merged true, merged_at, the merge commit. */
  merge(number: number, at = '2026-11-25T10:05:00Z'): string {
    const sha = 'c0ffee'.padEnd(40, '1');
    this.update(number, {
      state: 'closed',
      merged: true,
      merged_at: at,
      closed_at: at,
      updated_at: at,
      merge_commit_sha: sha,
      merged_by: this.owner,
      mergeable: null,
      mergeable_state: 'unknown',
    });
    return sha;
  }

  /** Closed without merging. */
  close(number: number, at = '2026-11-25T10:06:00Z') {
    this.update(number, { state: 'closed', closed_at: at, updated_at: at });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push({
        path: req.url ?? '',
        authorization: req.headers.authorization,
      });
      const send = (status: number, body: PullRequest | BasicError) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      const docs = 'https://docs.github.com/rest';
      if (req.headers.authorization !== `Bearer ${this.options.token}`) {
        send(401, { message: 'Bad credentials', documentation_url: docs });
        return;
      }
      const m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(req.url ?? '');
      const pull =
        m &&
        m[1] === this.owner.login &&
        m[2] === this.repo.name &&
        this.pulls.get(Number(m[3]));
      if (req.method !== 'GET' || !pull) {
        send(404, { message: 'Not Found', documentation_url: docs });
        return;
      }
      send(200, pull);
    });
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>(r => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(r => this.server?.close(r) ?? r(undefined));
  }
}
