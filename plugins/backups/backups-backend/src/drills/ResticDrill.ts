import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';

/** A restic command failed during a drill. */
export class ResticDrillError extends CustomErrorBase {}

export type ResticDrillRepository = {
  name: string;
  repository: string;
  /** Never logged, never on a command line: passed in the environment. */
  password: string;
};

export type ResticDrillOutcome = {
  verified: boolean;
  snapshot: string;
  scratch: string;
  /** Restore start to the end of the checks, in seconds. */
  durationSeconds: number;
  /** The restore alone, in seconds. */
  restoreSeconds: number;
  checks: string[];
};

const SNAPSHOT = /^(latest|[0-9a-f]{8,64})$/;

/**
 * A restic restore drill: restores a snapshot into a scratch path, runs
 * `restic check`, and compares a sample of restored files (size and
 * SHA-256) with the same files read from the repository (`restic dump`).
 * The scratch path is removed afterwards. Each restic process gets only PATH,
 * HOME, the repository, its password and a cache directory in its
 * environment, and a timeout; the password never appears in what it returns.
 */
export class ResticDrill {
  constructor(
    private readonly options: {
      scratchRoot: string;
      timeoutMs: number;
      sampleSize?: number;
      binary?: string;
      clock?: () => number;
    },
  ) {}

  async run(
    repo: ResticDrillRepository,
    snapshot: string,
    drillName: string,
  ): Promise<ResticDrillOutcome> {
    if (!SNAPSHOT.test(snapshot)) {
      throw new ResticDrillError(
        `"${snapshot.slice(
          0,
          80,
        )}" is not a restic snapshot id (8 to 64 hex digits, or latest)`,
      );
    }
    if (!/^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(drillName)) {
      throw new ResticDrillError(
        `"${drillName.slice(
          0,
          80,
        )}" is not a drill name (lower-case letters, digits, - and .)`,
      );
    }
    const clock = this.options.clock ?? Date.now;
    await mkdir(this.options.scratchRoot, { recursive: true });
    const scratch = resolveSafeChildPath(this.options.scratchRoot, drillName);
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch, { recursive: true });
    const checks: string[] = [];
    const started = clock();
    try {
      // the snapshot's full id and its files, before restoring it
      const listing = await this.restic(repo, ['ls', '--json', snapshot]);
      const lines = listing
        .split('\n')
        .filter(Boolean)
        .map(line => JSON.parse(line));
      const header = lines.find(l => l.struct_type === 'snapshot');
      const id: string = header?.id ?? snapshot;
      const files = lines.filter(
        l => l.struct_type === 'node' && l.type === 'file',
      ) as Array<{ path: string; size: number }>;

      await this.restic(repo, ['restore', id, '--target', scratch]);
      const restoreSeconds = (clock() - started) / 1000;
      checks.push(
        `restored snapshot ${id.slice(0, 8)} (${
          files.length
        } files) into ${scratch} in ${restoreSeconds.toFixed(1)} s`,
      );

      await this.restic(repo, ['check']);
      checks.push('restic check: no errors found');

      const size = Math.min(this.options.sampleSize ?? 5, files.length);
      const step = files.length / Math.max(1, size);
      const sample = Array.from(
        { length: size },
        (_, i) => files[Math.floor(i * step)],
      );
      const mismatches: string[] = [];
      for (const file of sample) {
        const restored = resolveSafeChildPath(
          scratch,
          file.path.replace(/^\/+/, ''),
        );
        const [onDisk, inRepo] = await Promise.all([
          sha256File(restored).catch(() => null),
          this.sha256Dump(repo, id, file.path),
        ]);
        if (!onDisk) {
          mismatches.push(`${file.path} was not restored`);
        } else if (
          onDisk.hash !== inRepo.hash ||
          onDisk.size !== inRepo.size ||
          onDisk.size !== file.size
        ) {
          mismatches.push(
            `${file.path} differs (restored ${onDisk.size} bytes, repository ${inRepo.size} bytes)`,
          );
        }
      }
      if (files.length === 0) {
        mismatches.push('the snapshot holds no files to compare');
      }
      if (mismatches.length === 0) {
        checks.push(
          `checksum sample: ${sample.length} of ${files.length} files match the repository (SHA-256 and size)`,
        );
      } else {
        checks.push(`checksum sample failed: ${mismatches.join('; ')}`);
      }
      return {
        verified: mismatches.length === 0,
        snapshot: id,
        scratch,
        durationSeconds: (clock() - started) / 1000,
        restoreSeconds,
        checks,
      };
    } catch (error) {
      checks.push(String((error as Error).message));
      return {
        verified: false,
        snapshot,
        scratch,
        durationSeconds: (clock() - started) / 1000,
        restoreSeconds: 0,
        checks,
      };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private env(repo: ResticDrillRepository) {
    return {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      RESTIC_REPOSITORY: repo.repository,
      RESTIC_PASSWORD: repo.password,
      RESTIC_CACHE_DIR:
        process.env.RESTIC_CACHE_DIR ?? '/tmp/homelab-portal-restic-cache',
    };
  }

  private clean(repo: ResticDrillRepository, text: string) {
    return text.split(repo.password).join('***');
  }

  /** Runs restic; its stdout, or a ResticDrillError naming the command and why. */
  private restic(repo: ResticDrillRepository, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.binary ?? 'restic', args, {
        env: this.env(repo),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      let err = '';
      let outSize = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        outSize += chunk.length;
        if (outSize <= 64 * 1024 * 1024) out.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (err.length < 16_384) err += chunk.toString();
      });
      const timer = setTimeout(
        () => child.kill('SIGKILL'),
        this.options.timeoutMs,
      );
      child.on('error', error => {
        clearTimeout(timer);
        reject(
          new ResticDrillError(
            `restic ${args[0]} could not start: ${error.message}`,
          ),
        );
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) {
          resolve(Buffer.concat(out).toString());
          return;
        }
        const why =
          signal === 'SIGKILL'
            ? `did not finish within ${this.options.timeoutMs / 1000} s`
            : this.clean(repo, err)
                .split('\n')
                .map(l => l.trim())
                .find(l => l && !l.startsWith('Usage')) ??
              `exited with ${code}`;
        reject(
          new ResticDrillError(
            `restic ${args[0]} in repository ${repo.name} failed: ${why}`,
          ),
        );
      });
    });
  }

  /** SHA-256 and size of a file as the repository holds it. */
  private sha256Dump(
    repo: ResticDrillRepository,
    snapshot: string,
    path: string,
  ): Promise<{ hash: string; size: number }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        this.options.binary ?? 'restic',
        ['dump', snapshot, path],
        { env: this.env(repo), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const hash = createHash('sha256');
      let size = 0;
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (err.length < 16_384) err += chunk.toString();
      });
      const timer = setTimeout(
        () => child.kill('SIGKILL'),
        this.options.timeoutMs,
      );
      child.on('error', error => {
        clearTimeout(timer);
        reject(
          new ResticDrillError(`restic dump could not start: ${error.message}`),
        );
      });
      child.on('close', code => {
        clearTimeout(timer);
        if (code === 0) resolve({ hash: hash.digest('hex'), size });
        else
          reject(
            new ResticDrillError(
              `restic dump of ${path} failed: ${
                this.clean(repo, err).trim().split('\n')[0] || `exit ${code}`
              }`,
            ),
          );
      });
    });
  }
}

async function sha256File(
  path: string,
): Promise<{ hash: string; size: number }> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return { hash: hash.digest('hex'), size: info.size };
}
