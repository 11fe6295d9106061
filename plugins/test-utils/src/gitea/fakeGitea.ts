import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * A stand-in for Gitea: the API v1 calls the action makes (request and
 * response shapes as in Gitea's swagger: CreatePullRequestOption,
 * PullRequest, PullReviewRequestOptions, Label, Repository), and real git
 * over smart HTTP through git-http-backend on a bare repository. It checks
 * credentials on both, like Gitea does.
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
function matchRoute(
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

export async function startFakeGitea(options: {
  owner: string;
  repo: string;
  token: string;
  labels: Array<{ id: number; name: string }>;
}): Promise<FakeGitea> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-gitea-'));
  const bareRepo = path.join(root, options.owner, `${options.repo}.git`);
  const seed = path.join(root, 'seed');
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'seed',
        GIT_AUTHOR_EMAIL: 'seed@lab.local',
        GIT_COMMITTER_NAME: 'seed',
        GIT_COMMITTER_EMAIL: 'seed@lab.local',
      },
    });
  fs.mkdirSync(bareRepo, { recursive: true });
  git(bareRepo, 'init', '--bare', '--initial-branch=main');
  git(bareRepo, 'config', 'http.receivepack', 'true');
  fs.mkdirSync(seed);
  git(seed, 'init', '--initial-branch=main');
  fs.writeFileSync(path.join(seed, 'README.md'), '# gitops\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '-m', 'seed');
  git(seed, 'push', bareRepo, 'main');

  // When each pull request was opened, last changed and closed.
  const times = new Map<
    number,
    { created: string; updated: string; closed?: string }
  >();
  const fake: FakeGitea = {
    baseUrl: '',
    bareRepo,
    requests: [],
    pulls: [],
    close: async () => {},
    merge(number: number) {
      const pull = fake.pulls.find(p => p.number === number);
      if (!pull || pull.state !== 'open') {
        throw new Error(`pull ${number} is not open`);
      }
      const work = fs.mkdtempSync(path.join(root, 'merge-'));
      git(work, 'clone', '-q', bareRepo, '.');
      git(work, 'checkout', '-q', pull.base);
      git(
        work,
        'merge',
        '-q',
        '--no-ff',
        '-m',
        `Merge pull request '${pull.title}' (#${number})`,
        `origin/${pull.head}`,
      );
      git(work, 'push', '-q', 'origin', pull.base);
      const sha = git(work, 'rev-parse', 'HEAD').trim();
      fs.rmSync(work, { recursive: true, force: true });
      const now = new Date().toISOString();
      Object.assign(pull, {
        state: 'closed',
        merged: true,
        mergedAt: now,
        mergeCommitSha: sha,
      });
      Object.assign(times.get(number)!, { updated: now, closed: now });
      return sha;
    },
    closePull(number: number) {
      const pull = fake.pulls.find(p => p.number === number);
      if (!pull) throw new Error(`no pull ${number}`);
      const now = new Date().toISOString();
      pull.state = 'closed';
      Object.assign(times.get(number)!, { updated: now, closed: now });
    },
    commit(branch, files, message) {
      const work = fs.mkdtempSync(path.join(root, 'commit-'));
      git(work, 'clone', '-q', bareRepo, '.');
      // a new branch starts from main
      const exists = git(
        work,
        'branch',
        '-r',
        '--list',
        `origin/${branch}`,
      ).trim();
      git(
        work,
        'checkout',
        '-q',
        '-B',
        branch,
        exists ? `origin/${branch}` : 'origin/main',
      );
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(work, name);
        if (content === null) fs.rmSync(file, { force: true });
        else {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, content);
        }
      }
      git(work, 'add', '-A');
      git(work, 'commit', '-q', '-m', message);
      git(work, 'push', '-q', 'origin', branch);
      const sha = git(work, 'rev-parse', 'HEAD').trim();
      fs.rmSync(work, { recursive: true, force: true });
      return sha;
    },
    filesOn(branch: string) {
      const out: Record<string, string> = {};
      const names = git(bareRepo, 'ls-tree', '-r', '--name-only', branch)
        .trim()
        .split('\n');
      for (const name of names.filter(Boolean)) {
        out[name] = git(bareRepo, 'show', `${branch}:${name}`);
      }
      return out;
    },
  };

  const authorized = (req: http.IncomingMessage) => {
    const header = req.headers.authorization ?? '';
    if (header === `token ${options.token}`) return true;
    // Auth schemes are case-insensitive (RFC 7235); Backstage's Gitea URL
    // reader sends "basic".
    if (/^basic /i.test(header)) {
      const [, password] = Buffer.from(header.slice(6), 'base64')
        .toString()
        .split(':');
      return password === options.token;
    }
    return false;
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const api = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: any,
  ) => {
    fake.requests.push({
      method: req.method!,
      path: url.pathname + url.search,
      body,
    });
    if (fake.failNext) {
      const { status, message } = fake.failNext;
      fake.failNext = undefined;
      return json(res, status, {
        message,
        url: 'https://gitea.io/api/swagger',
      });
    }
    if (!authorized(req))
      return json(res, 401, { message: 'token is required' });
    const route = matchRoute(req.method!, url.pathname);
    if (
      !route ||
      route.params.owner !== options.owner ||
      route.params.repo !== options.repo
    )
      return json(res, 404, { message: "The target couldn't be found." });
    const prefix = `/api/v1/repos/${options.owner}/${options.repo}`;
    const rest = url.pathname.slice(prefix.length);
    // A PullRequest as Gitea 1.27 and Forgejo 11 answer it (the fields
    // their swagger defines; times they have not reached yet are null).
    const pullJson = (p: FakeGitea['pulls'][number]) => ({
      id: p.number,
      number: p.number,
      url: `${fake.baseUrl}/${options.owner}/${options.repo}/pulls/${p.number}`,
      html_url: `${fake.baseUrl}/${options.owner}/${options.repo}/pulls/${p.number}`,
      state: p.state,
      title: p.title,
      body: p.body,
      labels: options.labels.filter(label => p.labels.includes(label.id)),
      draft: false,
      merged: p.merged,
      mergeable: p.state === 'open',
      created_at: times.get(p.number)!.created,
      updated_at: times.get(p.number)!.updated,
      closed_at: times.get(p.number)!.closed ?? null,
      merged_at: p.mergedAt ?? null,
      merge_commit_sha: p.mergeCommitSha ?? null,
      head: { label: p.head, ref: p.head },
      base: { label: p.base, ref: p.base },
    });
    const pullNumber = /^\/pulls\/(\d+)$/.exec(rest);
    if (req.method === 'GET' && pullNumber) {
      const pull = fake.pulls.find(p => p.number === Number(pullNumber[1]));
      if (!pull)
        return json(res, 404, { message: 'pull request does not exist' });
      return json(res, 200, pullJson(pull));
    }
    // The URL reader: the commit a ref points at, and the tree as a tarball
    // (Gitea puts the files under a <repo>/ folder).
    const commit = /^\/git\/commits\/([^/]+)$/.exec(rest);
    if (req.method === 'GET' && commit) {
      try {
        const sha = git(
          bareRepo,
          'rev-parse',
          '--verify',
          `${decodeURIComponent(commit[1])}^{commit}`,
        ).trim();
        return json(res, 200, { sha, url: `${fake.baseUrl}${url.pathname}` });
      } catch {
        return json(res, 404, { message: 'object does not exist' });
      }
    }
    // The URL reader's single files: ContentsResponse, base64.
    const contents = /^\/contents\/(.+)$/.exec(rest);
    if (req.method === 'GET' && contents) {
      const ref = url.searchParams.get('ref') ?? 'main';
      const file = decodeURIComponent(contents[1]);
      let content: Buffer;
      try {
        content = execFileSync('git', ['show', `${ref}:${file}`], {
          cwd: bareRepo,
        });
      } catch {
        return json(res, 404, { message: 'GetContentsOrList' });
      }
      return json(res, 200, {
        type: 'file',
        name: path.posix.basename(file),
        path: file,
        encoding: 'base64',
        content: content.toString('base64'),
        size: content.length,
      });
    }
    const archive = /^\/archive\/(.+)\.tar\.gz$/.exec(rest);
    if (req.method === 'GET' && archive) {
      let tarball: Buffer;
      try {
        tarball = execFileSync(
          'git',
          [
            'archive',
            '--format=tar.gz',
            `--prefix=${options.repo}/`,
            decodeURIComponent(archive[1]),
          ],
          { cwd: bareRepo },
        );
      } catch {
        return json(res, 404, { message: 'object does not exist' });
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(tarball);
      return undefined;
    }
    if (req.method === 'GET' && rest === '') {
      return json(res, 200, {
        name: options.repo,
        full_name: `${options.owner}/${options.repo}`,
        html_url: `${fake.baseUrl}/${options.owner}/${options.repo}`,
        default_branch: 'main',
      });
    }
    if (req.method === 'GET' && rest === '/pulls') {
      return json(res, 200, fake.pulls.map(pullJson));
    }
    if (req.method === 'GET' && rest === '/labels') {
      return json(res, 200, options.labels);
    }
    if (req.method === 'POST' && rest === '/pulls') {
      const unknown = Object.keys(body).filter(k => !CREATE_PULL_FIELDS.has(k));
      if (
        unknown.length ||
        typeof body.head !== 'string' ||
        typeof body.base !== 'string' ||
        typeof body.title !== 'string' ||
        !(body.labels ?? []).every(Number.isInteger)
      ) {
        return json(res, 422, {
          message: `invalid CreatePullRequestOption: ${unknown.join(', ')}`,
        });
      }
      if (fake.pulls.some(p => p.head === body.head)) {
        return json(res, 409, {
          message: 'pull request already exists for these targets',
        });
      }
      const pull = {
        number: fake.pulls.length + 1,
        head: body.head,
        base: body.base,
        title: body.title,
        body: body.body ?? '',
        labels: body.labels ?? [],
        reviewers: [] as string[],
        state: 'open' as const,
        merged: false,
      };
      const now = new Date().toISOString();
      times.set(pull.number, { created: now, updated: now });
      fake.pulls.push(pull);
      return json(res, 201, pullJson(pull));
    }
    const reviewers = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest);
    if (req.method === 'POST' && reviewers) {
      const pull = fake.pulls.find(p => p.number === Number(reviewers[1]));
      if (!pull) return json(res, 404, { message: 'not found' });
      if (!Array.isArray(body.reviewers))
        return json(res, 422, { message: 'reviewers must be a list' });
      pull.reviewers.push(...body.reviewers);
      // PullReviewList: one review request per reviewer
      return json(
        res,
        201,
        body.reviewers.map((login: string, i: number) => ({
          id: pull.reviewers.length - body.reviewers.length + i + 1,
          state: 'REQUEST_REVIEW',
          user: { login },
          pull_request_url: pullJson(pull).html_url,
        })),
      );
    }
    return json(res, 404, { message: 'not found' });
  };

  const gitHttp = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ) => {
    if (!authorized(req)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Gitea"' });
      res.end();
      return;
    }
    const child = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'portal',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method,
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        // The git CLI gzips request bodies and negotiates protocol v2.
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      },
    });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const [name, ...value] = line.split(':');
        if (name.toLowerCase() === 'status')
          status = parseInt(value.join(':'), 10);
        else res.setHeader(name, value.join(':').trim());
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    child.on('close', () => res.end());
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    if (url.pathname.startsWith('/api/v1/')) {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        api(req, res, url, text ? JSON.parse(text) : undefined).catch(error =>
          json(res, 500, { message: String(error) }),
        );
      });
      return;
    }
    gitHttp(req, res, url);
  });
  // Keep idle connections longer than fetch does (4 s), so that fetch never
  // reuses one the server is closing at that moment (ECONNRESET on a busy
  // machine); close() below closes them all.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise(resolve => {
      // fetch keeps connections alive; close them or close() never returns.
      server.closeAllConnections();
      server.close(() => {
        fs.rmSync(root, { recursive: true, force: true });
        resolve();
      });
    });
  return fake;
}
