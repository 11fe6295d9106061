#!/usr/bin/env bash
# The whole test suite: unit and integration tests (jest, on SQLite and on
# PostgreSQL) and browser tests (playwright on Debian's Chromium, against the
# production build of the app served by the backend).
#
# First installs the system programs the tests start (scripts/system-packages.sh:
# Chromium, Prometheus, Alertmanager, restic) when it may (root, or sudo -n),
# and otherwise stops before testing, naming each missing program and the
# line that installs it.
#
# Ends with two lines: "N passed, N failed, N skipped", then "N passed,
# N failed" (the line CI reads; with CI=true a skipped test counts as failed).
# Exits non-zero if anything failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$HOMELAB_ROOT"

results="$HOMELAB_ROOT/test-results"
mkdir -p "$results"
rm -f "$results"/jest.json "$results"/e2e.json "$results"/missing.txt \
  "$results"/stopped.txt

finish() {
  node scripts/test-summary.js "$results"
  exit $?
}

# System programs: installed here if missing and allowed; if any is still
# missing, no test runs (a partial run would look better than it is).
if ! scripts/system-packages.sh >"$results/stopped.txt"; then
  cat "$results/stopped.txt" >&2
  echo "test: stopped before testing; install the programs above and run again" >&2
  finish
fi
rm -f "$results/stopped.txt"

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
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if yarn workspace app build >"$results/app-build.log" 2>&1; then
  yarn playwright test
else
  cat "$results/app-build.log" >&2
  echo "test: the app build failed; the browser tests cannot run" >&2
fi

finish
