#!/usr/bin/env node
// Reads the reports of one test run and prints its closing lines:
//
//   N passed, N failed, N skipped
//   N passed, N failed
//
// The last is the line CI reads. With CI=true a skipped test counts as
// failed there (a test that did not run proves nothing). Every skipped test
// is named above them. A report that is missing or unreadable counts as a
// failure, so a crashed runner can never look green.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2] ?? 'test-results';
const ci = process.env.CI === 'true';
let passed = 0;
let failed = 0;
const skipped = [];
const problems = [];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch (error) {
    return undefined;
  }
}

function readLines(file) {
  const at = path.join(dir, file);
  return fs.existsSync(at)
    ? fs.readFileSync(at, 'utf8').split('\n').filter(Boolean)
    : [];
}

// scripts/test.sh stopped before testing: a program is missing.
const stopped = readLines('stopped.txt');
if (stopped.length > 0) {
  failed += stopped.length;
  for (const line of stopped) problems.push(`stopped before testing: ${line}`);
} else {
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
    for (const suite of jest.testResults ?? []) {
      const file = path.relative(process.cwd(), suite.name ?? '');
      for (const test of suite.assertionResults ?? []) {
        if (test.status === 'pending' || test.status === 'todo') {
          skipped.push(`${file}: ${test.fullName ?? test.title}`);
        }
      }
    }
    // Counted from the totals too, in case a report lists no assertions.
    const counted = (jest.numPendingTests ?? 0) + (jest.numTodoTests ?? 0);
    for (let i = skipped.length; i < counted; i++) {
      skipped.push('a jest test (unnamed in the report)');
    }
  } else {
    failed += 1;
    problems.push('no jest report (test-results/jest.json)');
  }

  const e2e = readJson('e2e.json');
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    if (e2e.errors?.length) {
      failed += e2e.errors.length;
      problems.push(`playwright reported ${e2e.errors.length} error(s)`);
    }
    const named = [];
    const walk = (suite, titles) => {
      const here = suite.title ? [...titles, suite.title] : titles;
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests ?? []) {
          if (test.status === 'skipped') {
            named.push(`${[...here, spec.title].join(' > ')}`);
          }
        }
      }
      for (const child of suite.suites ?? []) walk(child, here);
    };
    for (const suite of e2e.suites ?? []) walk(suite, []);
    for (let i = named.length; i < (e2e.stats.skipped ?? 0); i++) {
      named.push('a browser test (unnamed in the report)');
    }
    skipped.push(...named.map(name => `browser: ${name}`));
  } else {
    failed += 1;
    problems.push('no browser test report (test-results/e2e.json)');
  }

  // Groups of tests that could not run at all (PostgreSQL unreachable): one
  // skip each, since their tests were never collected.
  for (const line of readLines('missing.txt')) {
    const [program, what, install] = line.split('|');
    skipped.push(`${what} (${program} is missing; install: ${install})`);
  }
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

for (const test of skipped) console.log(`skipped: ${test}`);
if (ci && skipped.length > 0) {
  problems.push(`${skipped.length} skipped, counted as failed (CI=true)`);
}
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped.length} skipped`);
const failedInAll = failed + (ci ? skipped.length : 0);
console.log(`${passed} passed, ${failedInAll} failed`);
process.exit(failedInAll > 0 ? 1 : 0);
