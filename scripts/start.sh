#!/usr/bin/env bash
# Starts the portal on the local-start defaults (app-config.yaml): SQLite in
# memory, guest sign-in, the catalog from catalog/ and the templates from
# templates/. UI: http://localhost:3000, backend: http://localhost:7007.
# Installs what is missing first (Node 24 if the machine's is older, packages).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$HOMELAB_ROOT"

# Yarn's install is a no-op when node_modules already matches yarn.lock.
yarn install --immutable
exec yarn start "$@"
