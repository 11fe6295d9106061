import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalGitRepository } from './LocalGitRepository';
import { localChangeUrl, parseLocalChangeUrl } from './localForge';

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Owner',
      GIT_AUTHOR_EMAIL: 'owner@lab.local',
      GIT_COMMITTER_NAME: 'Owner',
      GIT_COMMITTER_EMAIL: 'owner@lab.local',
    },
  }).trim();

const redis = Buffer.from('kind: Redis\nmetadata:\n  name: cache\n');

// each test runs a dozen real git processes: on a busy machine that is more
// than jest's default 5 s
jest.setTimeout(30_000);

describe('LocalGitRepository', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-forge-'));
    dir = path.join(root, 'state', 'gitops');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('creates the repository with a first commit on main, and opens it again', async () => {
    const repository = await LocalGitRepository.open(dir);
    expect(git(dir, 'branch', '--show-current')).toBe('main');
    expect(git(dir, 'log', '--format=%s', 'main')).toBe(
      'Start the local GitOps repository',
    );
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(
      'git merge <branch>',
    );
    const again = await LocalGitRepository.open(dir);
    expect(again.directory).toBe(repository.directory);
    expect(git(dir, 'rev-list', '--count', 'main')).toBe('1');
  });

  it('is created once when two backends start at the same time', async () => {
    const opened = await Promise.all([
      LocalGitRepository.open(dir),
      LocalGitRepository.open(dir),
      LocalGitRepository.open(dir),
    ]);
    expect(opened.map(r => r.directory)).toEqual([dir, dir, dir]);
    expect(git(dir, 'rev-list', '--count', 'main')).toBe('1');
    // nothing left beside it
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['gitops']);
  });

  it('is created in an empty folder that is already there', async () => {
    fs.mkdirSync(dir, { recursive: true });
    await LocalGitRepository.open(dir);
    expect(git(dir, 'rev-list', '--count', 'main')).toBe('1');
  });

  it('says so in one line when git is missing', async () => {
    const path_ = process.env.PATH;
    process.env.PATH = root; // no git here
    try {
      await expect(LocalGitRepository.open(dir)).rejects.toThrow(
        /^git is not installed \(or not on the PATH\)/,
      );
    } finally {
      process.env.PATH = path_;
    }
    // and nothing half-made is left
    expect(fs.readdirSync(path.dirname(dir))).toEqual([]);
  });

  it('refuses a folder that is not a repository, even inside another one', async () => {
    // root is inside a repository of its own, as the portal's checkout is
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'commit', '-q', '--allow-empty', '-m', 'outer');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    await expect(LocalGitRepository.open(dir)).rejects.toThrow(
      /is not a Git repository with a main branch/,
    );
  });

  it('proposes a branch with one reviewable commit, leaving main and the working tree alone', async () => {
    const repository = await LocalGitRepository.open(dir);
    const main = git(dir, 'rev-parse', 'main');
    const change = await repository.propose({
      branch: 'request/redis-cache',
      message: 'Request redis cache\n\nfor the media system',
      files: [
        { path: 'platform/requests/media/redis-cache.yaml', content: redis },
      ],
    });
    expect(change.branch).toBe('request/redis-cache');
    expect(git(dir, 'rev-parse', 'request/redis-cache')).toBe(change.sha);
    expect(git(dir, 'rev-parse', 'main')).toBe(main);
    expect(git(dir, 'rev-list', '--count', 'main..request/redis-cache')).toBe(
      '1',
    );
    expect(git(dir, 'log', '-1', '--format=%B', change.sha)).toBe(
      'Request redis cache\n\nfor the media system',
    );
    expect(
      git(
        dir,
        'show',
        `${change.sha}:platform/requests/media/redis-cache.yaml`,
      ),
    ).toBe(redis.toString().trim());
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(fs.existsSync(path.join(dir, 'platform'))).toBe(false);

    expect(await repository.changeState(change.branch, change.sha)).toEqual({
      state: 'open',
    });
    expect(await repository.commit(change.sha)).toEqual({
      sha: change.sha,
      author: 'Homelab Portal <portal@localhost>',
      at: expect.any(String),
      message: 'Request redis cache\n\nfor the media system',
      files: ['platform/requests/media/redis-cache.yaml'],
    });
  });

  it('says merged once the owner merges the branch, with the merge commit', async () => {
    const repository = await LocalGitRepository.open(dir);
    const first = await repository.propose({
      branch: 'request/redis-cache',
      message: 'Request redis cache',
      files: [{ path: 'a/redis.yaml', content: redis }],
    });
    // main moves on meanwhile, so that the merge is a real merge commit
    fs.writeFileSync(path.join(dir, 'other.txt'), 'x');
    git(dir, 'add', 'other.txt');
    git(dir, 'commit', '-q', '-m', 'other work');
    git(dir, 'merge', '-q', '--no-edit', 'request/redis-cache');
    const merge = git(dir, 'rev-parse', 'main');
    expect(await repository.changeState(first.branch, first.sha)).toEqual({
      state: 'merged',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      sha: merge,
    });
    // a fast-forward merge counts too, as the commit itself
    const second = await repository.propose({
      branch: 'request/redis-queue',
      message: 'Request redis queue',
      files: [{ path: 'a/queue.yaml', content: redis }],
    });
    git(dir, 'merge', '-q', '--ff-only', 'request/redis-queue');
    expect(await repository.changeState(second.branch, second.sha)).toEqual(
      expect.objectContaining({ state: 'merged', sha: second.sha }),
    );
    // and deleting the branch after merging changes nothing
    git(dir, 'branch', '-q', '-d', 'request/redis-queue');
    expect(await repository.changeState(second.branch, second.sha)).toEqual(
      expect.objectContaining({ state: 'merged' }),
    );
  });

  it('says closed when the branch is deleted unmerged', async () => {
    const repository = await LocalGitRepository.open(dir);
    const change = await repository.propose({
      branch: 'request/redis-cache',
      message: 'Request redis cache',
      files: [{ path: 'a/redis.yaml', content: redis }],
    });
    git(dir, 'branch', '-q', '-D', 'request/redis-cache');
    expect(await repository.changeState(change.branch, change.sha)).toEqual({
      state: 'closed',
      at: expect.any(String),
    });
  });

  it("refuses to overwrite an open request's branch, and reuses a merged one", async () => {
    const repository = await LocalGitRepository.open(dir);
    const options = {
      branch: 'request/redis-cache',
      message: 'Request redis cache',
      files: [{ path: 'a/redis.yaml', content: redis }],
    };
    const first = await repository.propose(options);
    await expect(repository.propose(options)).rejects.toThrow(
      /not merged yet; merge it \(git -C .* merge request\/redis-cache\)/,
    );
    const updated = await repository.propose({ ...options, update: true });
    expect(git(dir, 'rev-parse', `${updated.sha}^`)).toBe(first.sha);
    git(dir, 'merge', '-q', '--no-edit', 'request/redis-cache');
    const again = await repository.propose(options);
    expect(git(dir, 'rev-parse', `${again.sha}^`)).toBe(
      git(dir, 'rev-parse', 'main'),
    );
  });

  it('refuses bad branch names and paths that leave the repository or reach .git', async () => {
    const repository = await LocalGitRepository.open(dir);
    const file = { path: 'ok.yaml', content: redis };
    for (const branch of ['main', '-x', 'a..b', 'a b', '']) {
      await expect(
        repository.propose({ branch, message: 'm', files: [file] }),
      ).rejects.toThrow(/branch|main/);
    }
    for (const bad of [
      '../escape.yaml',
      '/etc/passwd',
      'a/../../b',
      '.git/config',
      'x/.GIT/hooks/post-commit',
      '.git./config',
      'a\\b',
    ]) {
      await expect(
        repository.propose({
          branch: 'request/x',
          message: 'm',
          files: [{ path: bad, content: redis }],
        }),
      ).rejects.toThrow(/must/);
    }
    expect(git(dir, 'branch', '--list', 'request/x')).toBe('');
  });

  it('shows a file at a commit, and refuses traversal, .git, symlinks and folders', async () => {
    const repository = await LocalGitRepository.open(dir);
    const change = await repository.propose({
      branch: 'request/redis-cache',
      message: 'Request redis cache',
      files: [{ path: 'platform/redis.yaml', content: redis }],
    });
    expect(await repository.readFile(change.sha, 'platform/redis.yaml')).toBe(
      redis.toString(),
    );
    for (const bad of [
      '../README.md',
      '.git/config',
      'platform/../README.md',
    ]) {
      await expect(repository.readFile(change.sha, bad)).rejects.toThrow(
        /must/,
      );
    }
    await expect(repository.readFile(change.sha, 'platform')).rejects.toThrow(
      /not a file \(it is a folder\)/,
    );
    await expect(
      repository.readFile(change.sha, 'nothing.yaml'),
    ).rejects.toThrow(/No file nothing.yaml/);
    await expect(
      repository.readFile('0'.repeat(40), 'platform/redis.yaml'),
    ).rejects.toThrow(/No commit/);
    await expect(repository.readFile('HEAD', 'README.md')).rejects.toThrow(
      /not a commit id/,
    );
    // a symlink committed by someone else is not followed
    fs.symlinkSync('/etc/passwd', path.join(dir, 'link'));
    git(dir, 'add', 'link');
    git(dir, 'commit', '-q', '-m', 'a symlink');
    const withLink = git(dir, 'rev-parse', 'main');
    await expect(repository.readFile(withLink, 'link')).rejects.toThrow(
      /symlink/,
    );
  });
});

describe('local change URLs', () => {
  const base = 'http://localhost:3000';
  const sha = 'a'.repeat(40);

  it('round-trip', () => {
    const change = { sha, branch: 'request/redis-cache', path: 'p/r.yaml' };
    expect(parseLocalChangeUrl(base, localChangeUrl(base, change))).toEqual(
      change,
    );
  });

  it('leave other URLs to the forges and refuse malformed ones', () => {
    expect(
      parseLocalChangeUrl(base, 'https://git.lab.local/homelab/gitops/pulls/1'),
    ).toBeUndefined();
    expect(parseLocalChangeUrl(base, 'not a url')).toBeUndefined();
    for (const bad of [
      `${base}/kratix/local-git/HEAD?branch=a&path=b`,
      `${base}/kratix/local-git/${sha}?branch=a`,
      `${base}/kratix/local-git/${sha}?branch=a..b&path=b`,
      `${base}/kratix/local-git/${sha}?branch=a&path=../b`,
      `${base}/kratix/local-git/${sha}?branch=a&path=.git/config`,
      `${base}/kratix/local-git/${sha}?branch=a&path=b&path=c`,
    ]) {
      expect(() => parseLocalChangeUrl(base, bad)).toThrow(
        /is not a local change URL/,
      );
    }
  });
});
