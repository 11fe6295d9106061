import http from 'node:http';
import { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { CREATE_PULL_FIELDS, FakeGitea, matchRoute } from './api';
import { gitAsSeed, seedBareRepo, serveGitHttp } from './gitBackend';

export type { FakeGitea } from './api';
export { CREATE_PULL_FIELDS, FAKE_GITEA_ROUTES } from './api';

/*
 * A stand-in for Gitea: the API v1 calls the action makes (request and
 * response shapes as in Gitea's swagger: CreatePullRequestOption,
 * PullRequest, PullReviewRequestOptions, Label, Repository), and real git
 * over smart HTTP through git-http-backend on a bare repository. It checks
 * credentials on both, like Gitea does.
 */
export async function startFakeGitea(options: {
  owner: string;
  repo: string;
  token: string;
  labels: Array<{ id: number; name: string }>;
}): Promise<FakeGitea> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-gitea-'));
  const bareRepo = seedBareRepo(root, options.owner, options.repo);
  const git = gitAsSeed;

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
    serveGitHttp(root, req, res, url);
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
