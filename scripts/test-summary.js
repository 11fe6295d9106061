#!/usr/bin/env node
// Reads the reports of one test run and prints the last line CI looks for:
// "N passed, N failed". A report that is missing or unreadable counts as a
// failure, so a crashed runner can never look green.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
const problems = [];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch (error) {
    return undefined;
  }
}

const jest = readJson('jest.json');
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  // A suite that fails to load has no failed tests, but it did fail.
  failed += jest.numRuntimeErrorTestSuites;
  if (jest.numRuntimeErrorTestSuites > 0) {
    problems.push(
      `${jest.numRuntimeErrorTestSuites} jest suite(s) failed to run`,
    );
  }
} else {
  failed += 1;
  problems.push('no jest report (test-results/jest.json)');
}

const missingFile = path.join(dir, 'missing.txt');
const missing = fs.existsSync(missingFile)
  ? fs.readFileSync(missingFile, 'utf8').trim().split('\n').filter(Boolean)
  : [];
const browserMissing = missing.some(line => line.startsWith('chromium|'));

const e2e = readJson('e2e.json');
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  if (e2e.errors?.length) {
    failed += e2e.errors.length;
    problems.push(`playwright reported ${e2e.errors.length} error(s)`);
  }
} else if (!browserMissing) {
  failed += 1;
  problems.push('no browser test report (test-results/e2e.json)');
}

// Static checks run by .ci/run (tsc, lint, ...), one "PASS name" or
// "FAIL name" line each.
if (process.env.HOMELAB_CHECKS) {
  const lines = fs
    .readFileSync(process.env.HOMELAB_CHECKS, 'utf8')
    .split('\n')
    .filter(Boolean);
  for (const line of lines) {
    if (line.startsWith('PASS ')) {
      passed += 1;
    } else {
      failed += 1;
      problems.push(`check failed: ${line.slice(5)}`);
    }
  }
}

for (const line of missing) {
  const [program, what, install] = line.split('|');
  if (process.env.CI) {
    failed += 1;
    problems.push(`${program} missing in CI: ${what} did not run`);
  } else {
    console.log(
      `skipped: ${what} (${program} is missing; install: ${install})`,
    );
  }
}
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
