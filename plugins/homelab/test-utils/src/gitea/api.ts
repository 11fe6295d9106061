/*
 * The API of the fake Gitea: what it records and lets a test do, and the
 * routes and fields it serves (checked against Gitea's and Forgejo's swagger
 * by plugin-scaffolder-backend-module-gitea-pull-request's spec.test.ts).
 */

export interface FakeGitea {
  baseUrl: string;
  bareRepo: string;
  requests: Array<{ method: string; path: string; body?: any }>;
  pulls: Array<{
    number: number;
    head: string;
    base: string;
    title: string;
    body: string;
    labels: number[];
    reviewers: string[];
    state: 'open' | 'closed';
    merged: boolean;
    mergedAt?: string;
    mergeCommitSha?: string;
  }>;
  /** Merges a pull request into its base with a merge commit, as Gitea's merge button does. */
  merge(number: number): string;
  /** Closes a pull request without merging it. */
  closePull(number: number): void;
  /** Commits files straight to a branch (someone pushing to the repository). */
  commit(
    branch: string,
    files: Record<string, string | null>,
    message: string,
  ): string;
  /** Next API call answers with this status (and message) instead. */
  failNext?: { status: number; message: string };
  close(): Promise<void>;
  /** Files on a branch of the bare repository. */
  filesOn(branch: string): Record<string, string>;
}

/**
 * The fields of CreatePullRequestOption the fake accepts (those Gitea and
 * Forgejo share, less the reviewers only Gitea takes); any other is refused 422.
 */
export const CREATE_PULL_FIELDS: ReadonlySet<string> = new Set([
  'assignee',
  'assignees',
  'base',
  'body',
  'due_date',
  'head',
  'labels',
  'milestone',
  'title',
]);

/**
 * The API v1 routes the fake serves (method and path template as in the
 * swagger of Gitea and Forgejo, below /api/v1). A request that matches none
 * is answered 404. Git's smart HTTP (clone, push) is not part of the API.
 */
export const FAKE_GITEA_ROUTES: ReadonlyArray<{
  method: string;
  path: string;
}> = [
  { method: 'GET', path: '/repos/{owner}/{repo}' },
  { method: 'GET', path: '/repos/{owner}/{repo}/pulls' },
  { method: 'POST', path: '/repos/{owner}/{repo}/pulls' },
  { method: 'GET', path: '/repos/{owner}/{repo}/pulls/{index}' },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/pulls/{index}/requested_reviewers',
  },
  { method: 'GET', path: '/repos/{owner}/{repo}/labels' },
  { method: 'GET', path: '/repos/{owner}/{repo}/git/commits/{sha}' },
  { method: 'GET', path: '/repos/{owner}/{repo}/contents/{filepath}' },
  { method: 'GET', path: '/repos/{owner}/{repo}/archive/{archive}' },
];

/** The route a request's method and path (below /api/v1) are, with its parameters. */
export function matchRoute(
  method: string,
  pathname: string,
): { path: string; params: Record<string, string> } | undefined {
  const below = pathname.replace(/^\/api\/v1(?=\/)/, '');
  for (const route of FAKE_GITEA_ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      // a file path spans segments, as in Gitea's router
      return name === 'filepath' ? '(.+)' : '([^/]+)';
    });
    const match = new RegExp(`^${pattern}$`).exec(below);
    if (match) {
      return {
        path: route.path,
        params: Object.fromEntries(
          names.map((name, i) => [name, decodeURIComponent(match[i + 1])]),
        ),
      };
    }
  }
  return undefined;
}
