import { existsSync } from 'node:fs';
import { prometheusBinary } from './prometheus';

/**
 * Tests that need a real Prometheus run where it is installed, and always in
 * CI (where a missing one fails them). Elsewhere they are skipped.
 */
export const describeWithPrometheus =
  process.env.CI === 'true' ||
  (existsSync(prometheusBinary('prometheus')) &&
    existsSync(prometheusBinary('promtool')))
    ? describe
    : describe.skip;
