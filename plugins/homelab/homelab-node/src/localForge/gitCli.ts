import { CustomErrorBase } from '@backstage/errors';
import { execFile } from 'node:child_process';
import path from 'node:path';

/** The largest file the read-only view returns. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** git did not do what was asked (it is missing, or the repository is damaged). */
export class LocalGitError extends CustomErrorBase {
  name = 'LocalGitError' as const;
}

/** What the git CLI may read from the environment: nothing of the user's. */
function gitEnv(
  directory: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    // never find a repository above this one (the portal's own checkout)
    GIT_CEILING_DIRECTORIES: path.dirname(directory),
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/',
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Homelab Portal',
    GIT_AUTHOR_EMAIL: 'portal@localhost',
    GIT_COMMITTER_NAME: 'Homelab Portal',
    GIT_COMMITTER_EMAIL: 'portal@localhost',
    ...extra,
  };
}

/**
 * Runs the git CLI in `directory` with no hooks and an environment of its
 * own (gitEnv); rejects with a LocalGitError that names the command and
 * git's first line of error.
 */
export function runGit(
  directory: string,
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-c', 'core.hooksPath=/dev/null', '-c', 'core.quotePath=false', ...args],
      {
        cwd: directory,
        env: gitEnv(directory, options.env),
        maxBuffer: 8 * MAX_FILE_BYTES,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error) {
          const missing =
            (error as NodeJS.ErrnoException).code === 'ENOENT' && !stderr;
          reject(
            new LocalGitError(
              missing
                ? 'git is not installed (or not on the PATH): the local Git repository needs it'
                : `git ${args[0]} failed in ${directory}: ${
                    stderr.trim().split('\n')[0] || error.message
                  }`,
            ),
          );
        } else {
          resolve(stdout);
        }
      },
    );
    // a git that failed to start reports through the callback above
    child.stdin?.on('error', () => {});
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
