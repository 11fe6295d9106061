#!/usr/bin/env node
/*
 * Fails when our workspace packages depend on each other in a cycle,
 * devDependencies included (issue #21): a test that needs two plugins lives in
 * the one above both, never in each other's devDependencies.
 * Prints each cycle, or "no dependency cycle among N packages".
 *
 * Also fails when production code can reach the test doubles of
 * @homelab-portal/test-utils: a package lists it in `dependencies` (only
 * `devDependencies` may), or a non-test file under a package's src/ imports it
 * (tests are *.test.*, __testUtils__/ and setupTests).
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const TEST_UTILS = '@homelab-portal/test-utils';
const packages = new Map();
const testUtilsProblems = [];
// The workspaces: packages/* and plugins/<feature>/*.
const groups = [
  'packages',
  ...fs.readdirSync(path.join(root, 'plugins')).map(f => `plugins/${f}`),
];
for (const group of groups) {
  for (const dir of fs.readdirSync(path.join(root, group))) {
    const file = path.join(root, group, dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    const deps = Object.keys({
      ...pkg.dependencies,
      ...pkg.devDependencies,
      ...pkg.peerDependencies,
    });
    packages.set(pkg.name, deps);
    if (pkg.dependencies?.[TEST_UTILS]) {
      testUtilsProblems.push(
        `${group}/${dir}/package.json: ${TEST_UTILS} in dependencies (tests only: devDependencies)`,
      );
    }
    if (pkg.name !== TEST_UTILS) {
      for (const file of productionFiles(path.join(root, group, dir, 'src'))) {
        if (importsTestUtils(fs.readFileSync(file, 'utf8'))) {
          testUtilsProblems.push(
            `${path.relative(
              root,
              file,
            )}: production code imports ${TEST_UTILS}`,
          );
        }
      }
    }
  }
}

function isTestFile(name) {
  return /\.test\.[cm]?[jt]sx?$/.test(name) || /^setupTests\./.test(name);
}

function productionFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__testUtils__' ? [] : productionFiles(file);
    }
    return /\.[cm]?[jt]sx?$/.test(entry.name) && !isTestFile(entry.name)
      ? [file]
      : [];
  });
}

function importsTestUtils(source) {
  const name = TEST_UTILS.replace(/[/-]/g, '\\$&');
  return new RegExp(
    `(from|import|require\\(|import\\()\\s*['"]${name}(/[^'"]*)?['"]`,
  ).test(source);
}

const cycles = new Set();
const state = new Map(); // name -> 'visiting' | 'done'
const stack = [];
function visit(name) {
  state.set(name, 'visiting');
  stack.push(name);
  for (const dep of packages.get(name)) {
    if (!packages.has(dep)) continue;
    if (state.get(dep) === 'visiting') {
      cycles.add([...stack.slice(stack.indexOf(dep)), dep].join(' -> '));
    } else if (!state.has(dep)) {
      visit(dep);
    }
  }
  stack.pop();
  state.set(name, 'done');
}
for (const name of packages.keys()) {
  if (!state.has(name)) visit(name);
}

for (const problem of testUtilsProblems) console.error(problem);
for (const cycle of cycles) console.error(`dependency cycle: ${cycle}`);
if (cycles.size > 0 || testUtilsProblems.length > 0) process.exit(1);
console.log(
  `no dependency cycle among ${packages.size} packages, and no production code imports ${TEST_UTILS}`,
);
