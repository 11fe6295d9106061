#!/usr/bin/env bash
# The system programs the tests start, from Debian's packages: Chromium for
# the browser tests, a real Prometheus (with promtool) and Alertmanager (with
# amtool) for the energy and alerts tests, restic for the backups tests,
# mkdocs with the material theme for TechDocs (the runbooks in docs/, built by
# the local start and the docs tests), and jemalloc, which the production
# image's backend runs with.
# Used by scripts/test.sh and .ci/run.
#
# Installs the missing ones when it may (as root, or where `sudo -n true`
# works); otherwise, or if the install fails, prints one line per missing
# program with the command that installs it, and exits 1. Also starts the
# machine's PostgreSQL cluster if one is installed but stopped.
#
#   scripts/system-packages.sh          install what is missing, then check
#   scripts/system-packages.sh --check  only check (exit 1 if any is missing)
set -uo pipefail

# path (a program, or the jemalloc library) | Debian package | what needs it
programs=(
  "${CHROMIUM_PATH:-/usr/bin/chromium}|chromium|the browser tests"
  "/usr/bin/prometheus|prometheus|the energy and alerts tests"
  "/usr/bin/promtool|prometheus|the energy and alerts tests"
  "/usr/bin/prometheus-alertmanager|prometheus-alertmanager|the alerts tests"
  "/usr/bin/amtool|prometheus-alertmanager|the alerts tests"
  "/usr/bin/restic|restic|the backups tests"
  "/usr/bin/mkdocs|mkdocs|TechDocs (the Docs pages and docs search)"
  "/usr/share/mkdocs/themes/material|mkdocs-material|TechDocs (the Docs pages and docs search)"
  "/usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2|libjemalloc2|the production image's memory allocator (LD_PRELOAD in packages/backend/Dockerfile: the smoke test, the production rehearsal, bench:footprint)"
)

missing_programs() { # prints "path|package|what" for each missing program
  local entry
  for entry in "${programs[@]}"; do
    [ -e "${entry%%|*}" ] || echo "$entry"
  done
}

# Empty when we are root, "sudo -n" when sudo works without a password, and
# "no" when this user may not install.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    echo ""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "sudo -n"
  else
    echo "no"
  fi
}

root="$(as_root)"
missing="$(missing_programs)"
if [ -n "$missing" ] && [ "${1:-}" != "--check" ] && [ "$root" != "no" ]; then
  packages="$(cut -d'|' -f2 <<<"$missing" | sort -u | tr '\n' ' ')"
  echo "system-packages: installing $packages" >&2
  # shellcheck disable=SC2086 # $root and $packages are word lists
  {
    $root apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive $root apt-get install -y -qq \
        --no-install-recommends $packages
  } >&2 || echo "system-packages: apt-get failed" >&2
  missing="$(missing_programs)"
fi

# PostgreSQL for the database tests: start the machine's cluster if it stopped.
if [ "${1:-}" != "--check" ] && [ "$root" != "no" ] &&
  command -v pg_lsclusters >/dev/null 2>&1 &&
  ! pg_lsclusters -h 2>/dev/null | grep -q online; then
  read -r version cluster _ < <(pg_lsclusters -h 2>/dev/null) &&
    $root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2 ||
    echo "system-packages: could not start PostgreSQL" >&2
fi

if [ -n "$missing" ]; then
  while IFS='|' read -r path package what; do
    echo "missing: $path, for $what; install it with: sudo apt-get install -y --no-install-recommends $package"
  done <<<"$missing"
  exit 1
fi
exit 0
