#!/usr/bin/env bash
# Builds the backend bundle and installs it into $1 the way
# packages/backend/Dockerfile does (the approach of scripts/smoke-production.sh):
# yarn build:backend, the skeleton, `yarn workspaces focus --all --production`
# with NODE_ENV=production, catalog/ docs/ templates/ promises/, the bundle, and
# app-config.production.yaml, all in /app's layout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh"
cd "$HOMELAB_ROOT"
image="$1"
log="$image.log"
mkdir -p "$image"
# Another build in the same checkout at the same time can pack a dist/
# without the backend's code: check the bundle, build again (three tries).
for try in 1 2 3; do
  yarn build:backend >"$log" 2>&1 || { cat "$log"; exit 1; }
  # grep without -q reads the whole list: with pipefail, -q's early exit would
  # make tar's SIGPIPE fail the check
  tar tzf packages/backend/dist/bundle.tar.gz | grep -x 'packages/backend/dist/index.cjs.js' >/dev/null && break
  echo "image: the bundle has no packages/backend/dist/index.cjs.js (try $try; a concurrent build?)" >&2
  [ "$try" = 3 ] && exit 1
  sleep 5
done
cp -r .yarn .yarnrc.yml backstage.json yarn.lock package.json \
  packages/backend/dist/skeleton.tar.gz catalog docs templates promises \
  app-config.production.yaml "$image/"
rm -f "$image/.yarn/install-state.gz"
cd "$image"
tar xzf skeleton.tar.gz && rm skeleton.tar.gz
NODE_ENV=production yarn workspaces focus --all --production >>"$log" 2>&1 ||
  { cat "$log"; exit 1; }
tar xzf "$HOMELAB_ROOT/packages/backend/dist/bundle.tar.gz"
rm -f "$log"
