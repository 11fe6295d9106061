#!/usr/bin/env node
/*
 * Generates the code of each backend plugin's OpenAPI spec, offline.
 *
 * Backstage's `backstage-repo-tools package schema openapi generate --server
 * --client-package` runs the Java OpenAPI Generator, whose jar the
 * @openapitools/openapi-generator-cli package downloads from Maven Central at
 * first use. That download cannot happen here, so this script writes the same
 * layout with TypeScript tools only:
 *
 * - server, in the backend plugin: src/schema/openapi/generated/router.ts,
 *   the spec as a const (what `repo schema openapi validate` compares with
 *   the YAML) and `createOpenApiRouter`, a router from
 *   @backstage/backend-openapi-utils that validates every request against the
 *   spec and types each handler from it;
 * - client, in the plugin's -common package (browser-safe, so the frontend
 *   and other backends can import it): src/schema/openapi/generated/types.ts,
 *   the spec's `paths`, `components` and `operations` as written by
 *   openapi-typescript, for an openapi-fetch client.
 *
 * Usage: node scripts/openapi-generate.mjs [--check] [plugins/<feature>/<name>-backend ...]
 * With no directory, every plugins/<feature>/<package> with a src/schema/openapi.yaml.
 * --check writes nothing and fails if a generated file is missing or stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import openapiTS, { astToString } from 'openapi-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const YAML = require('yaml');
const prettier = require('prettier');

const SPEC = 'src/schema/openapi.yaml';
const OUTPUT = 'src/schema/openapi/generated';
const HEADER = `// THIS FILE IS GENERATED from ${SPEC} by scripts/openapi-generate.mjs.
// Do not edit it by hand: change the spec, then run \`yarn openapi:generate\`.
/* eslint-disable */
`;

const args = process.argv.slice(2);
const check = args.includes('--check');
let dirs = args.filter(a => !a.startsWith('--'));
if (dirs.length === 0) {
  dirs = fs
    .readdirSync(path.join(root, 'plugins'))
    .flatMap(group =>
      fs
        .readdirSync(path.join(root, 'plugins', group))
        .map(name => path.join('plugins', group, name)),
    )
    .filter(dir => fs.existsSync(path.join(root, dir, SPEC)));
}

const prettierOptions = prettier.resolveConfig.sync(
  path.join(root, 'package.json'),
);
const format = (text, filepath) =>
  prettier.format(text, { ...prettierOptions, filepath });

/** The -common package beside a -backend package, if there is one. */
function clientPackageOf(backendDir) {
  const common = backendDir.replace(/-backend$/, '-common');
  return common !== backendDir && fs.existsSync(path.join(root, common))
    ? common
    : undefined;
}

async function filesFor(backendDir) {
  const specPath = path.join(root, backendDir, SPEC);
  const text = fs.readFileSync(specPath, 'utf8');
  const spec = YAML.parse(text);
  const files = new Map();
  const add = (file, content) => files.set(file, content);

  add(
    path.join(backendDir, OUTPUT, 'router.ts'),
    format(
      `${HEADER}
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The spec in ${SPEC}, as a const that types the handlers. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/**
 * A router that validates each request against the spec before a handler
 * sees it, and serves the spec at /openapi.json.
 */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`,
      'router.ts',
    ),
  );
  add(
    path.join(backendDir, OUTPUT, 'index.ts'),
    format(`${HEADER}export * from './router';\n`, 'index.ts'),
  );
  add(
    path.join(backendDir, 'src/schema/openapi/index.ts'),
    format(`${HEADER}export * from './generated';\n`, 'index.ts'),
  );

  const clientDir = clientPackageOf(backendDir);
  if (clientDir) {
    const ast = await openapiTS(text, { alphabetize: false });
    add(
      path.join(clientDir, OUTPUT, 'types.ts'),
      format(`${HEADER}\n${astToString(ast)}`, 'types.ts'),
    );
    add(
      path.join(clientDir, OUTPUT, 'index.ts'),
      format(
        `${HEADER}export type { paths, components, operations } from './types';\n`,
        'index.ts',
      ),
    );
    add(
      path.join(clientDir, 'src/schema/openapi/index.ts'),
      format(`${HEADER}export * from './generated';\n`, 'index.ts'),
    );
  }
  return files;
}

let stale = 0;
for (const dir of dirs) {
  const rel = path.relative(root, path.resolve(root, dir));
  const files = await filesFor(rel);
  for (const [file, content] of files) {
    const full = path.join(root, file);
    const current = fs.existsSync(full)
      ? fs.readFileSync(full, 'utf8')
      : undefined;
    if (current === content) continue;
    if (check) {
      stale++;
      console.error(
        `${file} is ${current === undefined ? 'missing' : 'stale'}`,
      );
    } else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
      console.log(`wrote ${file}`);
    }
  }
  if (!check) console.log(`${rel}: generated from ${SPEC}`);
}
if (check) {
  if (stale > 0) {
    console.error(
      `${stale} generated file(s) differ from the specs: run yarn openapi:generate and commit the result`,
    );
    process.exit(1);
  }
  console.log(`Generated code matches the specs in ${dirs.join(', ')}`);
}
