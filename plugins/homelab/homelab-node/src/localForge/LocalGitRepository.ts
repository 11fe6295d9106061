import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_FILE_BYTES, runGit } from './gitCli';
import { invalidBranchReason } from './refs';
import { invalidRepositoryPathReason } from './repositoryPaths';

export { LocalGitError } from './gitCli';
export { invalidRepositoryPathReason } from './repositoryPaths';

const SHA = /^[0-9a-f]{40}$/;

/** A change as the local forge stands for a pull request: a branch and its commit. */
export type LocalChangeState =
  | { state: 'open' }
  | { state: 'merged'; at: string; sha: string }
  | { state: 'closed'; at: string };

/** A commit of the local repository, as the read-only view shows it. */
export interface LocalCommit {
  sha: string;
  message: string;
  author: string;
  at: string;
  /** The files the commit changes against its first parent. */
  files: string[];
}

/**
 * The local start's GitOps repository: an ordinary Git repository on this
 * machine, with `main` checked out, that stands in for a forge. A request is
 * a branch with one commit on top of `main` (written with git's plumbing, so
 * the working tree and whatever the user has checked out are never touched);
 * merging the branch into `main` (`git -C <directory> merge <branch>`) is
 * approving it.
 *
 * Uses the git CLI (`git` on the PATH), with no shell and none of the
 * system's git configuration.
 */
export class LocalGitRepository {
  private constructor(readonly directory: string) {}

  /**
   * Opens the repository at `directory`, creating it (with a first commit on
   * `main`) when the directory does not exist or is empty.
   */
  static async open(directory: string): Promise<LocalGitRepository> {
    const absolute = path.resolve(directory);
    const repository = new LocalGitRepository(absolute);
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    const entries = await fs.readdir(absolute).catch(error => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
    if (entries.length === 0) {
      await LocalGitRepository.create(absolute);
    }
    try {
      const top = (
        await repository.git(['rev-parse', '--show-toplevel'])
      ).trim();
      if (top !== (await fs.realpath(absolute))) throw new Error(top);
      await repository.git([
        'rev-parse',
        '--verify',
        '--quiet',
        'main^{commit}',
      ]);
    } catch {
      throw new InputError(
        `${absolute} is not a Git repository with a main branch; remove it (the portal creates it again) or point the local forge elsewhere`,
      );
    }
    return repository;
  }

  /**
   * Makes the repository beside its place and moves it in with one rename,
   * so that two backends starting at once (the browser tests run two) never
   * see half of one: the second rename fails, and its caller opens the
   * first one's.
   */
  private static async create(absolute: string): Promise<void> {
    const staging = await fs.mkdtemp(
      path.join(path.dirname(absolute), `.${path.basename(absolute)}-new-`),
    );
    try {
      const fresh = new LocalGitRepository(staging);
      await fresh.git(['init', '--quiet', '--initial-branch=main']);
      await fs.writeFile(
        path.join(staging, 'README.md'),
        [
          '# gitops (local)',
          '',
          "The Homelab Portal's local start writes each request made through a",
          'template here, as a branch with one commit. Review it with',
          '`git log -p main..<branch>` and approve it with `git merge <branch>`.',
          '',
        ].join('\n'),
      );
      await fresh.git(['add', 'README.md']);
      await fresh.git([
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        'Start the local GitOps repository',
      ]);
      // replaces an empty folder; fails if another backend got there first
      await fs.rename(staging, absolute).catch(error => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      });
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
  }
  private git(
    args: string[],
    options: { input?: string | Buffer; env?: Record<string, string> } = {},
  ): Promise<string> {
    return runGit(this.directory, args, options);
  }

  private async tip(ref: string): Promise<string | undefined> {
    try {
      return (
        await this.git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
      ).trim();
    } catch {
      return undefined;
    }
  }

  private async isAncestor(ancestor: string, of: string): Promise<boolean> {
    try {
      await this.git(['merge-base', '--is-ancestor', ancestor, of]);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Writes `files` to `branch` as one commit with `message`: on top of `main`
   * for a new branch (or one already merged), on top of the branch itself
   * when `update` is set and it is still open. Refuses an open branch without
   * `update`, so that nobody's request is overwritten.
   */
  async propose(options: {
    branch: string;
    message: string;
    files: { path: string; content: Buffer }[];
    update?: boolean;
  }): Promise<{ sha: string; branch: string; base: string }> {
    const { branch, message, files } = options;
    const reason = invalidBranchReason(branch);
    if (reason) {
      throw new InputError(`branch ${JSON.stringify(branch)} ${reason}`);
    }
    if (branch === 'main') {
      throw new InputError('a request cannot be written to main itself');
    }
    if (files.length === 0) {
      throw new InputError('there are no files to propose');
    }
    for (const file of files) {
      const why = invalidRepositoryPathReason(file.path);
      if (why) {
        throw new InputError(`${JSON.stringify(file.path)} ${why}`);
      }
    }
    const main = await this.tip('refs/heads/main');
    if (!main) {
      throw new InputError(`${this.directory} has no main branch`);
    }
    const existing = await this.tip(`refs/heads/${branch}`);
    let parent = main;
    if (existing && !(await this.isAncestor(existing, main))) {
      if (!options.update) {
        throw new ConflictError(
          `Branch ${branch} of ${this.directory} holds a request that is not merged yet; merge it (git -C ${this.directory} merge ${branch}), delete it (git -C ${this.directory} branch -D ${branch}) or choose another name`,
        );
      }
      parent = existing;
    }
    // A throwaway index, so that the user's index and working tree stay as they are.
    const indexDir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-index-'));
    const env = { GIT_INDEX_FILE: path.join(indexDir, 'index') };
    try {
      await this.git(['read-tree', parent], { env });
      for (const file of files) {
        const blob = (
          await this.git(['hash-object', '-w', '--stdin'], {
            input: file.content,
          })
        ).trim();
        await this.git(
          [
            'update-index',
            '--add',
            '--cacheinfo',
            `100644,${blob},${file.path}`,
          ],
          { env },
        );
      }
      const tree = (await this.git(['write-tree'], { env })).trim();
      const sha = (
        await this.git(['commit-tree', tree, '-p', parent, '-F', '-'], {
          input: `${message.trim()}\n`,
        })
      ).trim();
      // Moves the branch only if nobody moved it meanwhile.
      await this.git([
        'update-ref',
        '-m',
        'portal: request',
        `refs/heads/${branch}`,
        sha,
        existing ?? '0'.repeat(40),
      ]).catch(() => {
        throw new ConflictError(
          `Branch ${branch} changed while the request was written; try again`,
        );
      });
      return { sha, branch, base: 'main' };
    } finally {
      await fs.rm(indexDir, { recursive: true, force: true });
    }
  }

  /**
   * Where a proposed change stands: merged once `sha` (or the branch's tip)
   * is in `main`, closed when the branch is gone without that, else open.
   */
  async changeState(branch: string, sha: string): Promise<LocalChangeState> {
    if (invalidBranchReason(branch) || !SHA.test(sha)) {
      throw new InputError(`${branch} at ${sha} is not a local change`);
    }
    const main = await this.tip('refs/heads/main');
    if (!main) throw new InputError(`${this.directory} has no main branch`);
    const tip = await this.tip(`refs/heads/${branch}`);
    for (const candidate of [tip, sha]) {
      if (
        candidate &&
        (await this.tip(candidate)) &&
        (await this.isAncestor(candidate, main))
      ) {
        // The first commit of main that holds it: the merge (or itself, fast-forwarded).
        const path_ = (
          await this.git([
            'rev-list',
            '--ancestry-path',
            '--reverse',
            `${candidate}..${main}`,
          ])
        )
          .split('\n')
          .filter(Boolean);
        const merge = path_[0] ?? candidate;
        const at = (
          await this.git(['show', '-s', '--format=%cI', merge])
        ).trim();
        return { state: 'merged', at: new Date(at).toISOString(), sha: merge };
      }
    }
    if (!tip) {
      return { state: 'closed', at: new Date().toISOString() };
    }
    return { state: 'open' };
  }

  /** A commit: its message, author, time and the files it changes. */
  async commit(sha: string): Promise<LocalCommit> {
    if (!SHA.test(sha))
      throw new InputError(`${sha.slice(0, 80)} is not a commit id`);
    if (!(await this.tip(sha))) {
      throw new NotFoundError(`No commit ${sha} in the local repository`);
    }
    const [head, ...body] = (
      await this.git(['show', '-s', '--format=%an <%ae>%n%cI%n%B', sha])
    ).split('\n');
    const at = body.shift() ?? '';
    const files = (
      await this.git([
        'diff-tree',
        '--no-commit-id',
        '--name-only',
        '-r',
        '-z',
        '--root',
        sha,
      ])
    )
      .split('\0')
      .filter(Boolean);
    return {
      sha,
      author: head,
      at: new Date(at).toISOString(),
      message: body.join('\n').trim(),
      files,
    };
  }

  /**
   * A file's content at a commit, read from git's objects (never from the
   * working tree). Refuses paths that could leave the repository or reach
   * .git, symlinks, submodules and folders, and files over 1 MiB.
   */
  async readFile(sha: string, file: string): Promise<string> {
    if (!SHA.test(sha))
      throw new InputError(`${sha.slice(0, 80)} is not a commit id`);
    const why = invalidRepositoryPathReason(file);
    if (why)
      throw new InputError(`${JSON.stringify(file.slice(0, 200))} ${why}`);
    if (!(await this.tip(sha))) {
      throw new NotFoundError(`No commit ${sha} in the local repository`);
    }
    const listing = await this.git([
      'ls-tree',
      '-z',
      '--full-tree',
      sha,
      '--',
      file,
    ]);
    const entry = listing.split('\0').find(Boolean);
    // "<mode> <type> <oid>\t<path>"
    const match = entry?.match(/^([0-7]{6}) (\w+) ([0-9a-f]{40})\t(.*)$/s);
    if (!match || match[4] !== file) {
      throw new NotFoundError(`No file ${file} at ${sha.slice(0, 12)}`);
    }
    const [, mode, type, oid] = match;
    if (mode === '120000') {
      throw new InputError(`${file} is a symlink; symlinks are not shown`);
    }
    if (type !== 'blob') {
      throw new InputError(
        `${file} is not a file (it is a ${type === 'tree' ? 'folder' : type})`,
      );
    }
    const size = Number((await this.git(['cat-file', '-s', oid])).trim());
    if (size > MAX_FILE_BYTES) {
      throw new InputError(
        `${file} is ${size} bytes; files over 1 MiB are not shown`,
      );
    }
    const content = await this.git(['cat-file', 'blob', oid]);
    if (content.includes('\0')) {
      throw new InputError(`${file} is a binary file; only text is shown`);
    }
    return content;
  }
}
