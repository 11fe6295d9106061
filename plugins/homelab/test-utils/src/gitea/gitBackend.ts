import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/*
 * The fake Gitea's real git: a bare repository seeded with one commit, and
 * git's smart HTTP (clone, push) through git-http-backend.
 */

/** Runs git in `cwd` as the seed's author, returning its output. */
export function gitAsSeed(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
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
}

/**
 * A bare repository `owner/repo.git` below `root`, that accepts pushes over
 * HTTP, with one commit on main (a README); returns its path.
 */
export function seedBareRepo(
  root: string,
  owner: string,
  repo: string,
): string {
  const git = gitAsSeed;
  const bareRepo = path.join(root, owner, `${repo}.git`);
  const seed = path.join(root, 'seed');
  fs.mkdirSync(bareRepo, { recursive: true });
  git(bareRepo, 'init', '--bare', '--initial-branch=main');
  git(bareRepo, 'config', 'http.receivepack', 'true');
  fs.mkdirSync(seed);
  git(seed, 'init', '--initial-branch=main');
  fs.writeFileSync(path.join(seed, 'README.md'), '# gitops\n');
  git(seed, 'add', '.');
  git(seed, 'commit', '-m', 'seed');
  git(seed, 'push', bareRepo, 'main');

  return bareRepo;
}

/** Answers a request of git's smart HTTP from the repositories below `root`. */
export function serveGitHttp(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): void {
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
}
