import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

/* The alerts bench's small tools: a silent logger, percentiles, memory after a GC. */

// any: a stand-in for LoggerService (and its child) that prints nothing
export const quietLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

export function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

export function memory() {
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 };
}
