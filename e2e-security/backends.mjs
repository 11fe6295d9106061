// The two backends the suite probes, each in its own process group:
//  - local: the local start (app-config.yaml) as `./scripts/start.sh` runs the
//    backend (what `backstage-cli package start` runs in packages/backend, in
//    development mode), on its own port, with the suite's probe entities added
//    to the catalog;
//  - production: app-config.production.yaml only, from source, on a fresh set
//    of databases in the machine's PostgreSQL, signing in through the suite's
//    OpenID provider.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { request } from './http.mjs';

export const ROOT = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
);

function spawnBackend({ name, cwd, command, args, env, logFile }) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
    detached: true,
  });
  child.unref();
  return {
    name,
    pid: child.pid,
    logFile,
    exited: new Promise(resolve => child.on('exit', code => resolve(code))),
    stop() {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

export async function waitReady(base, backend, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  let exited = false;
  backend.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    const res = await request(`${base}/.backstage/health/v1/readiness`, {
      timeoutMs: 2000,
    });
    if (res.status === 200) return;
    await new Promise(r => setTimeout(r, 500));
  }
  const tail = fs
    .readFileSync(backend.logFile, 'utf8')
    .split('\n')
    .slice(-40)
    .join('\n');
  throw new Error(
    `${backend.name} backend not ready (${
      exited ? 'exited' : 'timeout'
    }):\n${tail}`,
  );
}

/** The local start, plus the probe entities in the catalog. */
export function startLocal({ port, work, probeCatalog }) {
  const local = parse(
    fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  const override = {
    backend: { baseUrl: `http://localhost:${port}`, listen: { port } },
    catalog: {
      locations: [
        ...local.catalog.locations,
        { type: 'file', target: probeCatalog },
      ],
    },
  };
  const overrideFile = path.join(work, 'app-config.local-probe.yaml');
  fs.writeFileSync(overrideFile, stringify(override));
  // What `backstage-cli package start` runs, without its file watcher:
  // other work in this checkout would restart the backend mid-probe.
  return spawnBackend({
    name: 'local',
    cwd: path.join(ROOT, 'packages/backend'),
    command: process.execPath,
    args: [
      '--require',
      path.join(ROOT, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      overrideFile,
    ],
    env: { NODE_ENV: 'development' },
    logFile: path.join(work, 'local.log'),
  });
}

/** app-config.production.yaml on PostgreSQL, Keycloak being `oidc`. */
export function startProduction({
  port,
  work,
  dbPrefix,
  oidc,
  clientId,
  clientSecret,
  webhookToken,
}) {
  const overrideFile = path.join(work, 'app-config.production-probe.yaml');
  fs.writeFileSync(
    overrideFile,
    stringify({
      backend: { listen: { port }, database: { prefix: dbPrefix } },
    }),
  );
  return spawnBackend({
    name: 'production',
    cwd: ROOT,
    command: process.execPath,
    args: [
      '--require',
      path.join(ROOT, 'node_modules/@backstage/cli/config/nodeTransform.cjs'),
      'packages/backend/src/index.ts',
      '--config',
      'app-config.production.yaml',
      '--config',
      overrideFile,
    ],
    env: {
      NODE_ENV: 'production',
      PORTAL_BASE_URL: `http://localhost:${port}`,
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: '5432',
      POSTGRES_USER: 'postgres',
      POSTGRES_PASSWORD: 'unused-with-trust-auth',
      AUTH_SESSION_SECRET: 'security-suite-session-secret-0123456789',
      KEYCLOAK_METADATA_URL: oidc.metadataUrl,
      KEYCLOAK_CLIENT_ID: clientId,
      KEYCLOAK_CLIENT_SECRET: clientSecret,
      ALERTS_WEBHOOK_TOKEN: webhookToken,
      RESTIC_MEDIA_PASSWORD: 'unused',
      ARGOCD_TOKEN: 'security-suite-argocd-token',
    },
    logFile: path.join(work, 'production.log'),
  });
}

/** Drops the databases a production run created. */
export function dropDatabases(pgUrl, dbPrefix) {
  try {
    const names = execFileSync(
      'psql',
      [
        `${pgUrl}/postgres`,
        '-tAc',
        `SELECT datname FROM pg_database WHERE datname LIKE '${dbPrefix}%'`,
      ],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    for (const name of names) {
      execFileSync('psql', [
        `${pgUrl}/postgres`,
        '-qc',
        `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
      ]);
    }
  } catch (error) {
    console.error(
      `security: could not drop the ${dbPrefix}* databases: ${error.message}`,
    );
  }
}
