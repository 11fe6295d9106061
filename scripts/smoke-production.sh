#!/usr/bin/env bash
# Proves that the production image's contents start: builds the backend bundle
# as packages/backend/Dockerfile expects it, installs it the way the image does
# into a temporary folder, and runs it with app-config.production.yaml only, on
# a fresh database in the machine's PostgreSQL. Keycloak is stood in for by a
# local OIDC discovery document (the only part that cannot run here).
#
# Checks: readiness, the Dockerfile's LD_PRELOAD loaded, no error lines in the
# log, no guest sign-in, routes need credentials, and the catalog filled from
# catalog/ in PostgreSQL.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$HOMELAB_ROOT"

pg_url="${HOMELAB_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"
port="${SMOKE_PORT:-7117}"
oidc_port="${SMOKE_OIDC_PORT:-7118}"
work="$(mktemp -d)"
db="homelab_smoke_$$" # the prefix of the databases this run creates
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for plugin_db in $(psql "$pg_url/postgres" -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'backstage_plugin_${db}_%'" 2>/dev/null); do
    psql "$pg_url/postgres" -qc "DROP DATABASE IF EXISTS \"$plugin_db\"" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

yarn build:backend >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

image="$work/app"
mkdir -p "$image"
cp -r .yarn .yarnrc.yml backstage.json yarn.lock package.json \
  packages/backend/dist/skeleton.tar.gz catalog docs templates promises \
  app-config.production.yaml "$image/"
rm -f "$image/.yarn/install-state.gz"
(
  cd "$image"
  tar xzf skeleton.tar.gz && rm skeleton.tar.gz
  NODE_ENV=production yarn workspaces focus --all --production >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; exit 1; }
  tar xzf "$HOMELAB_ROOT/packages/backend/dist/bundle.tar.gz"
)

# Keycloak's discovery document, as the OIDC provider fetches it at start.
node -e '
  const port = Number(process.argv[1]);
  const base = `http://127.0.0.1:${port}/realms/homelab`;
  require("http").createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({
      issuer: base,
      authorization_endpoint: `${base}/protocol/openid-connect/auth`,
      token_endpoint: `${base}/protocol/openid-connect/token`,
      userinfo_endpoint: `${base}/protocol/openid-connect/userinfo`,
      jwks_uri: `${base}/protocol/openid-connect/certs`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
    }));
  }).listen(port, "127.0.0.1");
' "$oidc_port" &
pids+=($!)

# The backend creates one database per plugin, with this prefix.
cat >"$image/app-config.smoke.yaml" <<YAML
backend:
  listen:
    port: $port
  database:
    prefix: backstage_plugin_${db}_
YAML

(
  cd "$image"
  # the image's ENV lines (packages/backend/Dockerfile), as the container has them
  while read -r name value; do export "$name=$value"; done < <(
    sed -nE 's/^ENV ([A-Z_][A-Z0-9_]*)[= ]([^ ]+) *$/\1 \2/p' "$HOMELAB_ROOT/packages/backend/Dockerfile"
  )
  NODE_ENV=production \
    PORTAL_BASE_URL="http://portal.lab.internal:$port" \
    POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=5432 POSTGRES_USER=postgres \
    POSTGRES_PASSWORD=unused-with-trust-auth AUTH_SESSION_SECRET="$(head -c 24 /dev/urandom | base64)" \
    KEYCLOAK_METADATA_URL="http://127.0.0.1:$oidc_port/realms/homelab/.well-known/openid-configuration" \
    KEYCLOAK_CLIENT_ID=homelab-portal KEYCLOAK_CLIENT_SECRET=unused \
    ALERTS_WEBHOOK_TOKEN="$(head -c 24 /dev/urandom | base64)" RESTIC_MEDIA_PASSWORD=unused \
    exec node packages/backend --config app-config.production.yaml --config app-config.smoke.yaml
) >"$work/backend.log" 2>&1 &
backend_pid=$!
pids+=("$backend_pid")

fail() {
  echo "smoke: $*" >&2
  echo "--- backend log" >&2
  tail -40 "$work/backend.log" >&2
  exit 1
}

for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$port/.backstage/health/v1/readiness" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/.backstage/health/v1/readiness" >/dev/null ||
  fail "not ready after 90 s"

# The Dockerfile's LD_PRELOAD (jemalloc) is loaded: the loader only warns and
# goes on without a library it cannot find.
preload="$(sed -nE 's/^ENV LD_PRELOAD=([^ ]+) *$/\1/p' packages/backend/Dockerfile)"
if [ -n "$preload" ] && ! grep -q "/${preload##*/}\$" "/proc/$backend_pid/maps"; then
  fail "the backend runs without $preload, the Dockerfile's LD_PRELOAD"
fi

status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/catalog/entities")
[ "$status" = 401 ] || fail "the catalog answered $status without credentials, expected 401"

status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/auth/guest/refresh")
[ "$status" = 404 ] || fail "guest sign-in answered $status, expected 404 (no guest in production)"

catalog_db="backstage_plugin_${db}_catalog"
count=0
for _ in $(seq 1 60); do
  count=$(psql "$pg_url/$catalog_db" -tAc "SELECT count(*) FROM final_entities WHERE final_entity IS NOT NULL" 2>/dev/null || echo 0)
  [ "$count" -ge 50 ] && break
  sleep 1
done
[ "$count" -ge 50 ] || fail "the catalog holds $count entities in PostgreSQL, expected the seed's 50+"

sleep 2
if grep -E '"level":"error"' "$work/backend.log" >&2; then
  fail "error lines in the backend log"
fi
echo "smoke: production bundle ready on PostgreSQL, $count entities, no guest, no error lines${preload:+, $preload loaded}" >&2
