import { existsSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * For tests: the shared fixtures (real specs and CRDs for mocks), in
 * `shared/fixtures` beside the repository (/work/shared/fixtures).
 *
 * Importing this module checks that they are there: a test that reads them
 * imports it first, and fails in one line when they are missing instead of
 * with an ENOENT deep in its setup.
 *
 * @public
 */
export const FIXTURES_DIR = resolvePackagePath(
  '@homelab-portal/test-utils',
  '../../../../shared/fixtures',
);

if (!existsSync(FIXTURES_DIR)) {
  const error = new Error(
    `fixtures missing: ${FIXTURES_DIR} (the tests need /work/shared/fixtures, see README)`,
  );
  // one line, not a stack trace into this file
  error.stack = error.message;
  throw error;
}
