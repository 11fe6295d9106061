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

# No forge runs here: the templates' requests go to a local Git repository
# (homelab.localForge in app-config.yaml), which the backend creates with git
# at start. A request is a branch with one commit; merging it approves it.
if ! command -v git >/dev/null 2>&1; then
  echo "start.sh: git is missing, so templates cannot write their requests to .local-state/gitops; install it (Debian: apt-get install git)" >&2
fi
# TechDocs (the runbooks in docs/) builds with the machine's mkdocs.
if ! command -v mkdocs >/dev/null 2>&1; then
  echo "start.sh: mkdocs is missing, so the Docs pages (runbooks) cannot be built and docs search finds nothing; install it (Debian: apt-get install mkdocs mkdocs-material, or scripts/system-packages.sh)" >&2
fi
echo "Template requests go to $HOMELAB_ROOT/.local-state/gitops, one branch each:"
echo "  review:  git -C .local-state/gitops log -p main..<branch>"
echo "  approve: git -C .local-state/gitops merge <branch>"
exec yarn start "$@"
