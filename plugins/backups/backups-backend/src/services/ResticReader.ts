import { execFile } from 'node:child_process';
import { CustomErrorBase } from '@backstage/errors';
import { BackupRun } from '@homelab-portal/plugin-backups-common';

/** restic could not list a repository. */
export class ResticError extends CustomErrorBase {}

export type ResticRepository = {
  name: string;
  /** The repository URL or path (RESTIC_REPOSITORY). */
  repository: string;
  /** Never logged, never on a command line: passed in the environment. */
  password: string;
};

/** A snapshot as `restic snapshots --json` prints it. */
export type ResticSnapshot = {
  id: string;
  short_id?: string;
  time: string;
  hostname?: string;
  paths?: string[];
  tags?: string[];
};

export type ResticSnapshots = {
  snapshots: ResticSnapshot[];
  runs: BackupRun[];
};

/**
 * Reads snapshots with the restic CLI's JSON output. The password goes in
 * RESTIC_PASSWORD, the repository in RESTIC_REPOSITORY; the process gets
 * nothing else from ours but PATH and HOME, and a timeout.
 */
export class ResticReader {
  constructor(
    private readonly options: { binary?: string; timeoutMs?: number } = {},
  ) {}

  async snapshots(repo: ResticRepository): Promise<ResticSnapshots> {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        this.options.binary ?? 'restic',
        ['snapshots', '--json', '--no-lock'],
        {
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: process.env.HOME ?? '/tmp',
            RESTIC_REPOSITORY: repo.repository,
            RESTIC_PASSWORD: repo.password,
            RESTIC_CACHE_DIR:
              process.env.RESTIC_CACHE_DIR ??
              '/tmp/homelab-portal-restic-cache',
          },
          timeout: this.options.timeoutMs ?? 60_000,
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, out, stderr) => {
          if (error) {
            const text = String(stderr || error.message)
              .split(repo.password)
              .join('***');
            const line =
              text.split('\n').find(l => l.trim() && !l.startsWith('Usage')) ??
              'failed';
            const why = (error as { killed?: boolean }).killed
              ? `did not finish within ${
                  (this.options.timeoutMs ?? 60_000) / 1000
                } s`
              : line.trim();
            reject(
              new ResticError(
                `restic cannot list repository ${repo.name}: ${why}`,
              ),
            );
            return;
          }
          resolve(out);
        },
      );
    });
    let snapshots: ResticSnapshot[];
    try {
      snapshots = JSON.parse(stdout || '[]') ?? [];
    } catch {
      throw new ResticError(
        `restic printed something that is not JSON for repository ${repo.name}`,
      );
    }
    if (!Array.isArray(snapshots)) {
      throw new ResticError(
        `restic printed something that is not a list for repository ${repo.name}`,
      );
    }
    return {
      snapshots,
      runs: snapshots.map(s => ({
        tool: 'restic',
        id: s.short_id ?? s.id.slice(0, 8),
        origin: repo.name,
        phase: 'Completed',
        outcome: 'succeeded',
        startedAt: s.time,
        completedAt: s.time,
        expiresAt: null,
        ttlSeconds: null,
      })),
    };
  }
}
