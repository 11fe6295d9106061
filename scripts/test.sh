#!/usr/bin/env bash
# The whole test suite: unit and integration tests (jest, on SQLite and on
# PostgreSQL) and browser tests (playwright on Debian's Chromium, against the
# production build of the app served by the backend).
#
# Ends with one line: "N passed, N failed". Exits non-zero if anything failed.
# Outside CI, tests whose system program is missing are skipped with a note
# saying how to install it; with CI=true a missing program is a failure.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$HOMELAB_ROOT"

results="$HOMELAB_ROOT/test-results"
mkdir -p "$results"
rm -f "$results"/jest.json "$results"/e2e.json "$results"/missing.txt

finish() {
  node scripts/test-summary.js "$results"
  exit $?
}

yarn install --immutable >"$results/install.log" 2>&1 || {
  cat "$results/install.log" >&2
  echo "test: yarn install failed; no test can run" >&2
  finish
}

missing() { # program, what needs it, how to install
  echo "$1|$2|$3" >>"$results/missing.txt"
  echo "test: $1 is missing, so $2 cannot run. Install it with: $3" >&2
}

# PostgreSQL for TestDatabases: the machine's server, if one answers.
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  pg_url="${HOMELAB_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"
  if node -e "
      const { Client } = require('pg');
      const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
      c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
    " "$pg_url" 2>/dev/null; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$pg_url"
  else
    missing "PostgreSQL" "the database tests on PostgreSQL" \
      "sudo apt-get install -y postgresql (or set HOMELAB_TEST_POSTGRES_URL)"
  fi
fi
# No Docker here: TestDatabases uses only the engines that really run (SQLite,
# and PostgreSQL when its connection string is set).
export BACKSTAGE_TEST_DISABLE_DOCKER=1

echo "== unit and integration tests" >&2
CI=true yarn backstage-cli repo test --json --outputFile="$results/jest.json" "$@"

echo "== browser tests" >&2
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  export CHROMIUM_PATH="$chromium"
  if yarn workspace app build >"$results/app-build.log" 2>&1; then
    yarn playwright test
  else
    cat "$results/app-build.log" >&2
    echo "test: the app build failed; the browser tests cannot run" >&2
  fi
else
  missing "chromium" "the browser tests" \
    "sudo apt-get install -y --no-install-recommends chromium (or set CHROMIUM_PATH)"
fi

finish
