import fs from 'node:fs';
import path from 'node:path';

const DOCKERFILE = path.resolve(__dirname, '../packages/backend/Dockerfile');

/**
 * The environment packages/backend/Dockerfile sets with its ENV lines (one
 * `ENV NAME=value` or `ENV NAME value` per line), so that what starts the
 * image's files outside a container (the production rehearsal, the benches)
 * runs the backend as the container would.
 */
export function dockerfileEnv(
  dockerfile: string = DOCKERFILE,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(dockerfile, 'utf8').split('\n')) {
    const m = /^ENV\s+([A-Z_][A-Z0-9_]*)[= ](\S+)\s*$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  return env;
}

/**
 * Whether process `pid` has `library` (a file name or path, as LD_PRELOAD
 * takes it) mapped: the loader only warns, and goes on without it, when it
 * cannot find a library LD_PRELOAD names.
 */
export function hasLoaded(pid: number, library: string): boolean {
  const name = `/${path.basename(library)}`;
  return fs
    .readFileSync(`/proc/${pid}/maps`, 'utf8')
    .split('\n')
    .some(line => line.endsWith(name));
}
