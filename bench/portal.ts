/*
 * The production portal for bench:footprint and bench:pages, started the way
 * scripts/smoke-production.sh and the production rehearsal start it:
 *
 * - the image: e2e-production/image.sh (yarn build:backend, installed as
 *   packages/backend/Dockerfile does); the backend bundle carries the app's
 *   build (packages/app/dist), so the app is built first, under
 *   /work/ui.lock. BENCH_IMAGE=<dir> reuses an image made before;
 * - app-config.production.yaml only, plus the port and a database prefix of
 *   this run's own (a fresh set of databases in the machine's PostgreSQL,
 *   dropped at the end), with the Dockerfile's ENV lines and
 *   smoke-production.sh's environment;
 * - Keycloak: e2e-security's OpenID provider (oidc-provider), signed in as
 *   the seed's `operator` by the real OIDC flow in plain HTTP.
 *
 * The upstreams of app-config.production.yaml (Prometheus, Alertmanager,
 * Kubernetes, ArgoCD, the NAS, Ollama) do not exist here, as in
 * smoke-production.sh: their names do not resolve, so the plugins answer
 * with their errors, quickly.
 */
import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';
// e2e-security's modules, read-only: the OpenID provider, and plain HTTP with
// a cookie jar for the sign-in redirects.
import { startOidcProvider } from '../e2e-security/oidcProvider.mjs';
import { CookieJar, browse } from '../e2e-security/http.mjs';
import { dockerfileEnv } from '../e2e-production/imageEnv';

export const ROOT = path.resolve(__dirname, '..');
export const PG_URL =
  process.env.HOMELAB_BENCH_POSTGRES_URL ??
  'postgresql://postgres@127.0.0.1:5432';
const UI_LOCK = process.env.HOMELAB_UI_LOCK ?? '/work/ui.lock';

export const log = (message: string) =>
  process.stderr.write(
    `${new Date().toISOString().slice(11, 19)} ${message}\n`,
  );

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command with /work/ui.lock held (flock), when the lock file exists. */
export function withUiLock(command: string, args: string[], logFile: string) {
  const out = fs.openSync(logFile, 'a');
  const [cmd, cmdArgs] = fs.existsSync(UI_LOCK)
    ? ['flock', [UI_LOCK, command, ...args]]
    : [command, args];
  execFileSync(cmd, cmdArgs, { cwd: ROOT, stdio: ['ignore', out, out] });
  fs.closeSync(out);
}

/**
 * The image: the app built and the backend bundled and installed, holding
 * the UI lock for both (the bundle copies packages/app/dist; another build
 * of the app at the same time would leave it half written).
 */
export function prepareImage(work: string): string {
  if (process.env.BENCH_IMAGE) {
    log(`image: reusing ${process.env.BENCH_IMAGE}`);
    return process.env.BENCH_IMAGE;
  }
  const image = path.join(work, 'image');
  const logFile = path.join(work, 'image.log');
  log(
    `image: yarn workspace app build, then e2e-production/image.sh (a few minutes; log ${logFile})`,
  );
  withUiLock(
    'bash',
    [
      '-c',
      'source scripts/toolchain.sh >/dev/null && yarn workspace app build && e2e-production/image.sh "$0"',
      image,
    ],
    logFile,
  );
  if (!fs.existsSync(path.join(image, 'packages/app/dist/index.html'))) {
    throw new Error(`the image at ${image} has no app build (${logFile})`);
  }
  return image;
}

export type Portal = {
  base: string;
  pid: number;
  logFile: string;
  token: string;
  /** The backend's cookies for a browser: the refresh token's, on its host. */
  cookies: Array<{ name: string; value: string }>;
  stop(): Promise<void>;
};

/**
 * Starts the production backend from `image` on a fresh database prefix and
 * signs in as `operator`. `preload` modules go before the bundle (`node -r`),
 * with `env`.
 */
export async function startPortal(options: {
  image: string;
  work: string;
  name: string;
  preload?: string[];
  /** More options for node, e.g. --cpu-prof. */
  nodeOptions?: string[];
  env?: Record<string, string>;
  config?: object;
}): Promise<Portal> {
  const { image, work, name } = options;
  const port = await freePort();
  const oidcPort = await freePort();
  const base = `http://localhost:${port}`;
  const dbPrefix = `backstage_plugin_bench_${name}_${process.pid}_`;
  const clientId = 'homelab-portal';
  const clientSecret = crypto.randomBytes(18).toString('base64url');
  const oidc = await startOidcProvider({
    port: oidcPort,
    clientId,
    clientSecret,
    redirectUri: `${base}/api/auth/oidc/handler/frame`,
  });
  const overlay = path.join(work, `app-config.${name}.yaml`);
  fs.writeFileSync(
    overlay,
    stringify({
      ...options.config,
      backend: { listen: { port }, database: { prefix: dbPrefix } },
    }),
  );
  const logFile = path.join(work, `${name}.log`);
  const out = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeOptions ?? []),
      ...(options.preload ?? []).flatMap(p => ['-r', p]),
      'packages/backend',
      '--config',
      'app-config.production.yaml',
      '--config',
      overlay,
    ],
    {
      cwd: image,
      // the image's ENV lines, then smoke-production.sh's environment
      env: {
        ...process.env,
        ...dockerfileEnv(),
        NODE_ENV: 'production',
        PORTAL_BASE_URL: base,
        POSTGRES_HOST: '127.0.0.1',
        POSTGRES_PORT: '5432',
        POSTGRES_USER: 'postgres',
        POSTGRES_PASSWORD: 'unused-with-trust-auth',
        AUTH_SESSION_SECRET: crypto.randomBytes(24).toString('base64'),
        KEYCLOAK_METADATA_URL: oidc.metadataUrl,
        KEYCLOAK_CLIENT_ID: clientId,
        KEYCLOAK_CLIENT_SECRET: clientSecret,
        ALERTS_WEBHOOK_TOKEN: crypto.randomBytes(24).toString('base64'),
        RESTIC_MEDIA_PASSWORD: 'unused',
        ...options.env,
      },
      stdio: ['ignore', out, out],
    },
  );
  const exited = new Promise<number | null>(resolve =>
    child.on('exit', code => resolve(code)),
  );
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await oidc.close();
    dropDatabases(dbPrefix);
  };
  try {
    const deadline = Date.now() + 240_000;
    for (;;) {
      const ready = await fetch(`${base}/.backstage/health/v1/readiness`)
        .then(r => r.ok)
        .catch(() => false);
      if (ready) break;
      if (gone || Date.now() > deadline) {
        throw new Error(
          `backend not ready (${
            gone ? 'exited' : 'timeout'
          }); log ${logFile}:\n${fs
            .readFileSync(logFile, 'utf8')
            .split('\n')
            .slice(-20)
            .join('\n')}`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
    // The catalog fills after readiness; sign-in needs the User entity.
    let signedIn: { token: string; cookies: Portal['cookies'] } | undefined;
    for (let i = 0; i < 120 && !signedIn; i++) {
      signedIn = await oidcSignIn(base, 'operator');
      if (!signedIn) await new Promise(r => setTimeout(r, 1000));
    }
    if (!signedIn) throw new Error('operator could not sign in in 120 s');
    return { base, pid: child.pid!, logFile, stop, ...signedIn };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The OIDC flow in plain HTTP, as e2e-security does it: the portal's /start,
 * the provider's login interaction, back to /api/auth/oidc/handler/frame.
 */
async function oidcSignIn(base: string, username: string) {
  const jar = new CookieJar();
  const scope = encodeURIComponent('openid profile email');
  const atLogin = await browse(
    jar,
    `${base}/api/auth/oidc/start?env=production&scope=${scope}`,
  );
  if (!/\/interaction\//.test(atLogin.url)) return undefined;
  // (browse's option types, inferred from its defaults, leave out body)
  const frame = await browse(jar, atLogin.url, {
    method: 'POST',
    body: `login=${encodeURIComponent(username)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  } as any);
  const encoded = frame.text?.match(/decodeURIComponent\('([^']*)'\)/);
  if (!encoded) return undefined;
  const answer = JSON.parse(decodeURIComponent(encoded[1]));
  const token = answer.response?.backstageIdentity?.token;
  if (!token) return undefined;
  const cookies = (jar.header(base) as string)
    .split('; ')
    .filter(Boolean)
    .map(pair => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
  return { token: token as string, cookies };
}

function dropDatabases(prefix: string) {
  try {
    const names = execFileSync(
      'psql',
      [
        `${PG_URL}/postgres`,
        '-tAc',
        `SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'`,
      ],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    for (const name of names) {
      execFileSync('psql', [
        `${PG_URL}/postgres`,
        '-qc',
        `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
      ]);
    }
  } catch (error) {
    log(`could not drop the databases ${prefix}*: ${error}`);
  }
}
