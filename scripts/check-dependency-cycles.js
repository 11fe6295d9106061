#!/usr/bin/env node
/*
 * Fails when our workspace packages depend on each other in a cycle,
 * devDependencies included (issue #21): a test that needs two plugins lives in
 * the one above both, never in each other's devDependencies.
 * Prints each cycle, or "no dependency cycle among N packages".
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const packages = new Map();
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
  }
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

if (cycles.size > 0) {
  for (const cycle of cycles) console.error(`dependency cycle: ${cycle}`);
  process.exit(1);
}
console.log(`no dependency cycle among ${packages.size} packages`);
