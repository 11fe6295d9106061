import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// scripts/test-summary.js: the closing lines of ./scripts/test.sh, which CI
// reads. Fed here with reports shaped as jest's --json and playwright's json
// reporter write them.
const repoRoot = path.resolve(__dirname, '../../..');
const script = path.join(repoRoot, 'scripts/test-summary.js');

const jestReport = (statuses: string[]) => ({
  numPassedTests: statuses.filter(s => s === 'passed').length,
  numFailedTests: statuses.filter(s => s === 'failed').length,
  numPendingTests: statuses.filter(s => s === 'pending').length,
  numTodoTests: statuses.filter(s => s === 'todo').length,
  numRuntimeErrorTestSuites: 0,
  testResults: [
    {
      name: path.join(repoRoot, 'plugins/x/src/x.test.ts'),
      assertionResults: statuses.map((status, i) => ({
        status,
        title: `t${i}`,
        fullName: `x t${i}`,
      })),
    },
  ],
});

const e2eReport = (statuses: string[]) => ({
  suites: [
    {
      title: 'home.test.ts',
      specs: [],
      suites: [
        {
          title: 'guest',
          specs: statuses.map((status, i) => ({
            title: `b${i}`,
            tests: [{ status }],
          })),
        },
      ],
    },
  ],
  errors: [],
  stats: {
    expected: statuses.filter(s => s === 'expected').length,
    skipped: statuses.filter(s => s === 'skipped').length,
    unexpected: statuses.filter(s => s === 'unexpected').length,
    flaky: 0,
  },
});

function summarize(
  files: Record<string, unknown>,
  env: Record<string, string | undefined>,
): Promise<{ code: number; lines: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-summary-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(
      path.join(dir, name),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  }
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.CI;
  delete childEnv.HOMELAB_CHECKS;
  Object.assign(childEnv, env);
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [script, dir],
      { cwd: repoRoot, env: childEnv },
      (error, stdout) => {
        fs.rmSync(dir, { recursive: true, force: true });
        resolve({
          code: error ? Number(error.code) : 0,
          lines: stdout.trimEnd().split('\n'),
        });
      },
    );
  });
}

describe('scripts/test-summary.js', () => {
  const reports = {
    'jest.json': jestReport(['passed', 'passed', 'pending', 'todo']),
    'e2e.json': e2eReport(['expected', 'skipped']),
  };

  it('names each skipped test and counts skips on the line before the last', async () => {
    const { code, lines } = await summarize(reports, {});
    expect(lines).toEqual([
      'skipped: plugins/x/src/x.test.ts: x t2',
      'skipped: plugins/x/src/x.test.ts: x t3',
      'skipped: browser: home.test.ts > guest > b1',
      '3 passed, 0 failed, 3 skipped',
      '3 passed, 0 failed',
    ]);
    expect(code).toBe(0);
  });

  it('counts skipped tests as failed on the last line in CI', async () => {
    const { code, lines } = await summarize(reports, { CI: 'true' });
    expect(lines.slice(-3)).toEqual([
      'problem: 3 skipped, counted as failed (CI=true)',
      '3 passed, 0 failed, 3 skipped',
      '3 passed, 3 failed',
    ]);
    expect(code).toBe(1);
  });

  it('passes a clean run in CI, with the static checks counted', async () => {
    const checks = path.join(os.tmpdir(), `checks-${process.pid}.txt`);
    fs.writeFileSync(checks, 'PASS lint\nPASS tsc\n');
    const { code, lines } = await summarize(
      {
        'jest.json': jestReport(['passed', 'failed']),
        'e2e.json': e2eReport(['expected', 'unexpected']),
      },
      { CI: 'true', HOMELAB_CHECKS: checks },
    );
    expect(lines.slice(-2)).toEqual([
      '4 passed, 2 failed, 0 skipped',
      '4 passed, 2 failed',
    ]);
    expect(code).toBe(1);

    fs.writeFileSync(checks, 'PASS lint\n');
    const clean = await summarize(
      {
        'jest.json': jestReport(['passed']),
        'e2e.json': e2eReport(['expected']),
      },
      { CI: 'true', HOMELAB_CHECKS: checks },
    );
    fs.rmSync(checks);
    expect(clean.lines).toEqual([
      '3 passed, 0 failed, 0 skipped',
      '3 passed, 0 failed',
    ]);
    expect(clean.code).toBe(0);
  });

  it('fails a run whose reports are missing, and one stopped before testing', async () => {
    const none = await summarize({}, {});
    expect(none.lines).toEqual([
      'problem: no jest report (test-results/jest.json)',
      'problem: no browser test report (test-results/e2e.json)',
      '0 passed, 2 failed, 0 skipped',
      '0 passed, 2 failed',
    ]);
    expect(none.code).toBe(1);

    const stopped = await summarize(
      {
        'stopped.txt':
          'missing: /usr/bin/restic, for the backups tests; install it with: sudo apt-get install -y --no-install-recommends restic\n',
      },
      {},
    );
    expect(stopped.lines.slice(-2)).toEqual([
      '0 passed, 1 failed, 0 skipped',
      '0 passed, 1 failed',
    ]);
    expect(stopped.lines[0]).toMatch(/restic.*apt-get install/);
    expect(stopped.code).toBe(1);
  });

  it('counts tests that never ran for want of PostgreSQL as a skip', async () => {
    const { lines } = await summarize(
      {
        ...reports,
        'jest.json': jestReport(['passed']),
        'e2e.json': e2eReport(['expected']),
        'missing.txt':
          'PostgreSQL|the database tests on PostgreSQL|sudo apt-get install -y postgresql\n',
      },
      { CI: 'true' },
    );
    expect(lines.slice(-2)).toEqual([
      '2 passed, 0 failed, 1 skipped',
      '2 passed, 1 failed',
    ]);
  });
});
