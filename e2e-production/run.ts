/* eslint-disable no-console */
// `yarn test:production`: a production rehearsal. deploy/ and
// app-config.production.yaml as they are, on this machine: the backend bundle
// as the image holds it, two replicas on one PostgreSQL behind the portal's
// Service, sign-in through a real OpenID provider, a real Prometheus and
// Alertmanager with deploy/'s rules and receiver, a restic repository behind
// a REST server, and fakes for Gitea, Kubernetes and ArgoCD. Then a day in
// the homelab, every step asserted, with a restart of each replica in the
// middle. See README.md beside this file.
import './noJest';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import {
  FakeNodeExporter,
  freePort,
  nodeMetrics,
} from '@homelab-portal/test-utils/monitoring';
import {
  FakeArgoCd,
  FakeGitea,
  FakeKubeApi,
  startFakeGitea,
} from '@homelab-portal/test-utils';
import { DEFAULT_POLICIES } from '../plugins/cybernetics/cybernetics-backend/src/analyse/policies';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
// e2e-security's modules, read-only: the OpenID provider, plain HTTP with a
// cookie jar, readiness and dropping the run's databases.
import { startOidcProvider } from '../e2e-security/oidcProvider.mjs';
import { CookieJar, browse, request } from '../e2e-security/http.mjs';
import {
  HOSTS,
  addressOf,
  makeCertificate,
  rewriteHosts,
  startService,
} from './network';
import { startResticRestServer } from './resticServer';
import { dockerfileEnv, hasLoaded } from './imageEnv';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const PG_URL =
  process.env.HOMELAB_TEST_POSTGRES_URL ??
  'postgresql://postgres@127.0.0.1:5432';
const FIXTURES = path.resolve(
  process.env.HOMELAB_FIXTURES ?? path.join(ROOT, '../shared/fixtures'),
);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const random = () => crypto.randomBytes(18).toString('base64url');

// ------------------------------------------------------------ timeline

const timeline: Array<{
  at: string;
  step: string;
  ok: boolean;
  ms: number;
  note: string;
}> = [];
let failed = false;
const findingsOut: string[] = [];

async function step<T>(
  name: string,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  const t0 = Date.now();
  const at = elapsed();
  try {
    const value = await fn();
    const note = typeof value === 'string' ? value : '';
    timeline.push({ at, step: name, ok: true, ms: Date.now() - t0, note });
    console.log(
      `[+${at}] PASS ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)${
        note ? ` — ${note}` : ''
      }`,
    );
    return value;
  } catch (error) {
    failed = true;
    const note = (error as Error).message.split('\n').slice(0, 6).join(' | ');
    timeline.push({ at, step: name, ok: false, ms: Date.now() - t0, note });
    console.log(
      `[+${at}] FAIL ${name} (${((Date.now() - t0) / 1000).toFixed(
        1,
      )}s) — ${note}`,
    );
    return undefined;
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  seconds: number,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${seconds}s waiting for ${what}${
          last ? ` (${(last as Error).message})` : ''
        }`,
      );
    await sleep(1000);
  }
}

// ------------------------------------------------------------ deploy/

/** The Deployment's container env: names, values and Secret keys (deploy/portal.yaml). */
function deploymentEnv() {
  const docs = parseAllDocuments(
    fs.readFileSync(path.join(ROOT, 'deploy/portal.yaml'), 'utf8'),
  ).map(d => d.toJS());
  const deployment = docs.find(
    d => d?.kind === 'Deployment' && d.metadata?.name === 'homelab-portal',
  );
  assert(deployment, 'deploy/portal.yaml has no Deployment homelab-portal');
  const container = deployment.spec.template.spec.containers[0];
  return {
    replicas: deployment.spec.replicas as number,
    containerPort: container.ports[0].containerPort as number,
    env: container.env as Array<{
      name: string;
      value?: string;
      valueFrom?: {
        secretKeyRef: { name: string; key: string; optional?: boolean };
      };
    }>,
    service: docs.find(
      d => d?.kind === 'Service' && d.metadata?.name === 'homelab-portal',
    ),
    caMount: caMountOf(deployment, container),
  };
}

/** Where the Deployment mounts the file NODE_EXTRA_CA_CERTS names. */
function caMountOf(deployment: any, container: any) {
  const file = (container.env as any[]).find(
    e => e.name === 'NODE_EXTRA_CA_CERTS',
  )?.value as string | undefined;
  assert(file, 'deploy/portal.yaml sets no NODE_EXTRA_CA_CERTS');
  const mount = (container.volumeMounts as any[]).find(m =>
    file.startsWith(`${m.mountPath}/`),
  );
  assert(mount, `deploy/portal.yaml mounts nothing at ${file}`);
  const volume = (deployment.spec.template.spec.volumes as any[]).find(
    v => v.name === mount.name,
  );
  const name = file.slice(mount.mountPath.length + 1);
  assert(
    volume?.secret?.items?.some((i: any) => i.path === name),
    `volume ${mount.name} does not provide ${name}`,
  );
  return { path: mount.mountPath as string, file: name };
}

/** The image's own environment: Dockerfile ENV lines, and the node base image's PATH and HOME. */
function imageEnv(home: string): Record<string, string> {
  return {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: home,
    ...dockerfileEnv(),
  };
}

// ------------------------------------------------------------ sign-in (copied from e2e-security/run.mjs, where it is not exported)

async function oidcSignIn(base: string, username: string): Promise<string> {
  const jar = new CookieJar();
  const scope = encodeURIComponent('openid profile email');
  const atLogin = await browse(
    jar,
    `${base}/api/auth/oidc/start?env=production&scope=${scope}`,
  );
  assert(
    /\/interaction\//.test(atLogin.url),
    `sign-in did not reach the login page: ${atLogin.status ?? atLogin.error} ${
      atLogin.url
    }`,
  );
  const frame = await browse(jar, atLogin.url, {
    method: 'POST',
    body: `login=${encodeURIComponent(username)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const encoded = frame.text?.match(/decodeURIComponent\('([^']*)'\)/);
  assert(
    encoded,
    `no auth response from the frame: ${frame.status ?? frame.error}`,
  );
  const response = JSON.parse(decodeURIComponent(encoded[1]));
  const token = response.response?.backstageIdentity?.token;
  assert(
    token,
    `sign-in of ${username} failed: ${JSON.stringify(response).slice(0, 300)}`,
  );
  return token;
}

// ------------------------------------------------------------ main

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-rehearsal-'));
  const dbPrefix = `backstage_plugin_rehearsal_${process.pid}_`;
  const stops: Array<() => Promise<void> | void> = [];
  const run = (cmd: string, args: string[], env?: Record<string, string>) =>
    execFileSync(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env ?? process.env,
      encoding: 'utf8',
    });
  const saMount = '/var/run/secrets/kubernetes.io/serviceaccount';
  let createdSaMount = false;
  let createdCaMount = '';

  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch {
        // already gone
      }
    }
    await sleep(500);
    await dropAll(PG_URL, dbPrefix);
    if (createdSaMount)
      fs.rmSync('/var/run/secrets', { recursive: true, force: true });
    if (createdCaMount)
      fs.rmSync(createdCaMount, { recursive: true, force: true });
    if (!process.env.REHEARSAL_KEEP)
      fs.rmSync(work, { recursive: true, force: true });
    else console.log(`rehearsal: files kept in ${work}`);
  };
  process.on('SIGINT', () => cleanup().then(() => process.exit(130)));

  try {
    // ---------------- the image
    let image = process.env.REHEARSAL_IMAGE;
    await step(
      'image: yarn build:backend, installed as packages/backend/Dockerfile does',
      async () => {
        if (image) return `reused ${image}`;
        image = path.join(work, 'app');
        run(path.join(ROOT, 'e2e-production/image.sh'), [image]);
        return image;
      },
    );
    assert(
      image && fs.existsSync(path.join(image, 'packages/backend')),
      'no image',
    );

    // ---------------- the rule
    const deploy = deploymentEnv();
    const servicePort = deploy.service.spec.ports[0].port as number;
    console.log(
      '\nrehearsal: host names -> loopback addresses (every port kept):',
    );
    for (const h of HOSTS)
      console.log(`  ${h.name} -> ${h.address}   ${h.what}`);

    const cert = makeCertificate(
      work,
      HOSTS.map(h => h.address),
      HOSTS.map(h => h.name),
      (c, a) => run(c, a),
    );

    // ---------------- the cluster's API, ArgoCD, Gitea, the NAS, Ollama, PostgreSQL
    const crd = (file: string) =>
      parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
    const promiseDoc = parse(
      fs.readFileSync(
        path.join(ROOT, 'promises/postgresql/promise.yaml'),
        'utf8',
      ),
    );
    const kubeToken = random();
    const kube = new FakeKubeApi(
      [
        crd('velero/crds/velero.io_backups.yaml'),
        crd('velero/crds/velero.io_schedules.yaml'),
        crd('velero/crds/velero.io_restores.yaml'),
        crd('kratix/crds/platform.kratix.io_promises.yaml'),
        promiseDoc.spec.api,
      ],
      kubeToken,
    );
    const kubeUrl = new URL(await kube.start());
    stops.push(() => kube.stop());
    const svc = async (
      name: string,
      port: number,
      target: URL | { host: string; port: number },
      tls = false,
    ) => {
      const t =
        target instanceof URL
          ? { host: target.hostname, port: Number(target.port) }
          : target;
      const s = await startService(
        { host: addressOf(name), port },
        () => [t],
        tls ? { tls: { key: cert.key, cert: cert.cert } } : {},
      );
      stops.push(() => s.stop());
      return s;
    };
    await svc('kubernetes.default.svc', 443, kubeUrl, true);

    const argocdToken = random();
    const argocd = new FakeArgoCd(argocdToken);
    await svc('argocd-server.argocd.svc', 80, new URL(await argocd.start()));
    stops.push(() => argocd.stop());

    const giteaToken = random();
    const gitea: FakeGitea = await startFakeGitea({
      owner: 'homelab',
      repo: 'gitops',
      token: giteaToken,
      labels: [],
    });
    stops.push(() => gitea.close());
    const forgeService = await svc(
      'git.lab.local',
      443,
      new URL(gitea.baseUrl),
      true,
    );
    gitea.baseUrl = `https://${addressOf('git.lab.local')}`; // the links it hands out

    const nas = await startResticRestServer({
      host: addressOf('nas.lab.local'),
      port: 8000,
      root: path.join(work, 'nas'),
    });
    stops.push(() => nas.stop());

    const ollama = http.createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            model: 'llama3.2',
            created_at: new Date().toISOString(),
            message: {
              role: 'assistant',
              content: "Check the node's power first.",
            },
            done: true,
          }),
        ),
      );
    });
    await new Promise<void>(r =>
      ollama.listen(11434, addressOf('ollama.ollama.svc'), r),
    );
    stops.push(
      () =>
        new Promise<void>(r => {
          ollama.closeAllConnections();
          ollama.close(() => r());
        }),
    );

    const pg = new URL(PG_URL);
    await svc('homelab-portal-postgres', 5432, {
      host: pg.hostname,
      port: Number(pg.port || 5432),
    });

    // ---------------- the media repository: restic init and one snapshot of Jellyfin's share
    const resticPassword = random();
    const mediaRepo = 'rest:http://nas.lab.local:8000/media';
    await step(
      'NAS: restic init and a Jellyfin snapshot through the REST backend',
      async () => {
        const repo = rewriteHosts(mediaRepo, ['nas.lab.local']).text;
        const share = path.join(work, 'jellyfin');
        fs.mkdirSync(share);
        fs.writeFileSync(
          path.join(share, 'movie.mkv'),
          crypto.randomBytes(4096),
        );
        const env = {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: work,
          RESTIC_PASSWORD: resticPassword,
          RESTIC_CACHE_DIR: path.join(work, 'restic-cache'),
        };
        // not execFileSync: the REST server answers from this process
        await execFileAsync('restic', ['-r', repo, 'init'], { env });
        await execFileAsync(
          'restic',
          ['-r', repo, 'backup', '--tag', 'jellyfin', '--host', 'nas', share],
          { env },
        );
        return `${repo} (${nas.requests.length} REST calls)`;
      },
    );

    // ---------------- Kubernetes objects: Velero, ArgoCD
    const hoursAgo = (h: number) =>
      new Date(Date.now() - h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    kube.put({
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'cluster-state-daily', namespace: 'velero' },
      spec: {
        schedule: '0 3 * * *',
        template: { includedNamespaces: ['*'], ttl: '720h0m0s' },
      },
      status: { phase: 'Enabled', lastBackup: hoursAgo(50) },
    });
    kube.put({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name: 'cluster-state-daily-late',
        namespace: 'velero',
        labels: { 'velero.io/schedule-name': 'cluster-state-daily' },
      },
      spec: { includedNamespaces: ['*'], ttl: '720h0m0s' },
      status: {
        phase: 'Completed',
        startTimestamp: hoursAgo(50),
        completionTimestamp: hoursAgo(49.9),
        expiration: hoursAgo(-670),
      },
    });

    // ---------------- Prometheus, Alertmanager, node exporters
    const sff1 = new FakeNodeExporter();
    const sff2 = new FakeNodeExporter();
    sff1.body = nodeMetrics(0.5);
    sff2.body = nodeMetrics(0.5);
    const sff1Address = await sff1.start();
    const sff2Address = await sff2.start();
    stops.push(
      () => sff1.stop(),
      () => sff2.stop(),
    );

    const webhookToken = random();
    const amDir = path.join(work, 'alertmanager');
    fs.mkdirSync(amDir);
    fs.writeFileSync(path.join(amDir, 'token'), webhookToken);
    const receiverFile = 'deploy/prometheus/alertmanager-portal-receiver.yaml';
    const amText = fs.readFileSync(path.join(ROOT, receiverFile), 'utf8');
    const amRewrite = rewriteHosts(amText, [
      'homelab-portal.homelab-portal.svc',
    ]);
    const tokenPath = '/etc/alertmanager/secrets/homelab-portal-webhook/token';
    assert(
      amRewrite.text.includes(tokenPath),
      `${receiverFile} no longer reads the token from ${tokenPath}`,
    );
    fs.writeFileSync(
      path.join(amDir, 'alertmanager.yml'),
      amRewrite.text.replace(tokenPath, path.join(amDir, 'token')),
    );
    console.log(
      `  ${receiverFile}: ${amRewrite.applied.join(
        ', ',
      )}; credentials_file ${tokenPath} -> the run's token file`,
    );

    const spawnDaemon = (name: string, binary: string, args: string[]) => {
      const log = fs.openSync(path.join(work, `${name}.log`), 'w');
      const child = spawn(binary, args, { stdio: ['ignore', log, log] });
      stops.push(
        () =>
          new Promise<void>(r => {
            if (child.exitCode !== null) return r();
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      );
      return child;
    };
    const amUrl = `http://${addressOf('alertmanager.monitoring.svc')}:9093`;
    spawnDaemon('alertmanager', '/usr/bin/prometheus-alertmanager', [
      `--config.file=${path.join(amDir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(amDir, 'data')}`,
      `--web.listen-address=${addressOf('alertmanager.monitoring.svc')}:9093`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ]);
    const promDir = path.join(work, 'prometheus');
    fs.mkdirSync(promDir);
    fs.writeFileSync(
      path.join(promDir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: [
          path.join(ROOT, 'deploy/prometheus/homelab-alerts.rules.yaml'),
        ],
        alerting: {
          alertmanagers: [
            {
              static_configs: [
                {
                  targets: [`${addressOf('alertmanager.monitoring.svc')}:9093`],
                },
              ],
            },
          ],
        },
        scrape_configs: [
          {
            job_name: 'node',
            static_configs: [
              {
                targets: [sff1Address],
                labels: { instance: 'sff-1.lab.local:9100' },
              },
              {
                targets: [sff2Address],
                labels: { instance: 'sff-2.lab.local:9100' },
              },
            ],
          },
        ],
      }),
    );
    spawnDaemon('prometheus', '/usr/bin/prometheus', [
      `--config.file=${path.join(promDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(promDir, 'data')}`,
      `--web.listen-address=${addressOf('prometheus.monitoring.svc')}:9090`,
      '--log.level=warn',
    ]);

    // ---------------- Keycloak
    const clientId = 'homelab-portal';
    const clientSecret = random();
    const portalBase = `http://${addressOf(
      'homelab-portal.homelab-portal.svc',
    )}${servicePort === 80 ? '' : `:${servicePort}`}`;
    const oidc = await startOidcProvider({
      port: await freePort(),
      clientId,
      clientSecret,
      redirectUri: `${portalBase}/api/auth/oidc/handler/frame`,
    });
    stops.push(() => oidc.close());

    // ---------------- the portal's config: the shipped file, host names rewritten
    const prodText = fs.readFileSync(
      path.join(ROOT, 'app-config.production.yaml'),
      'utf8',
    );
    const prodRewrite = rewriteHosts(
      prodText,
      HOSTS.map(h => h.name),
    );
    const prodFile = path.join(work, 'app-config.production.yaml');
    fs.writeFileSync(prodFile, prodRewrite.text);
    console.log(
      `  app-config.production.yaml: ${prodRewrite.applied.join(', ')}`,
    );

    // Test-time settings, the only additions: where each replica listens (its
    // pod IP; the port stays the file's), the run's database prefix, and
    // shorter periods so a day fits in minutes; plus the one change of
    // behaviour the day exercises: DiskFull is silenced unasked (act, low risk).
    const overrides = {
      backend: { database: { prefix: dbPrefix } },
      alerts: { pollSeconds: 10 },
      kratix: { tracking: { intervalSeconds: 5 } },
      backups: { cacheSeconds: 1 },
      cybernetics: {
        schedule: {
          frequency: { seconds: 5 },
          timeout: { seconds: 40 },
          initialDelay: { seconds: 5 },
        },
        verify: { delaySeconds: 5, timeoutSeconds: 3600 },
        policies: DEFAULT_POLICIES.map(p =>
          // The shipped NodeDown pages its owner at once (no pull request);
          // the day here needs a change that goes through approval, the
          // scaffolder and the forge, so NodeDown proposes the pod-kill
          // experiment it used to (cybernetics.e2e.test.ts covers paging).
          p.id === 'node-down'
            ? {
                ...p,
                autonomy: 'propose',
                risk: 'medium',
                action: {
                  type: 'chaos-experiment',
                  title:
                    'Verify the services on {{entity.name}} survive losing a pod',
                  file: 'platform/chaos/{{entity.name}}-pod-kill.yaml',
                  namespace: 'chaos-mesh',
                  nodes: ['{{entity.name}}'],
                  chaosAction: 'pod-kill',
                  duration: '60s',
                },
              }
            : p.id === 'disk-full'
            ? {
                ...p,
                autonomy: 'act',
                risk: 'low',
                action: {
                  type: 'silence',
                  title:
                    'Silence DiskFull on {{entity.name}} while logs rotate',
                  durationMinutes: 60,
                },
              }
            : p,
        ),
      },
    };
    console.log(
      `  test-time config: ${JSON.stringify({
        ...overrides,
        cybernetics: {
          ...overrides.cybernetics,
          policies:
            'the shipped ones; node-down: propose, medium, a pod-kill experiment by pull request; disk-full: act, low, silence 60 min',
        },
      })}`,
    );

    // ---------------- the Secret and the Deployment's env
    const saDir = path.join(work, 'serviceaccount');
    fs.mkdirSync(saDir);
    fs.writeFileSync(path.join(saDir, 'token'), kubeToken);
    fs.writeFileSync(path.join(saDir, 'ca.crt'), cert.cert);
    if (!fs.existsSync(saMount)) {
      assert(
        !fs.existsSync('/var/run/secrets'),
        '/var/run/secrets exists without a service account folder; not touching it',
      );
      fs.mkdirSync(saMount, { recursive: true });
      createdSaMount = true;
    }
    const secret: Record<string, string> = {
      PORTAL_BASE_URL: portalBase,
      POSTGRES_USER: pg.username || 'postgres',
      POSTGRES_PASSWORD: 'unused-with-trust-auth',
      AUTH_SESSION_SECRET: random(),
      KEYCLOAK_METADATA_URL: oidc.metadataUrl,
      KEYCLOAK_CLIENT_ID: clientId,
      KEYCLOAK_CLIENT_SECRET: clientSecret,
      ALERTS_WEBHOOK_TOKEN: webhookToken,
      RESTIC_MEDIA_PASSWORD: resticPassword,
      ARGOCD_TOKEN: argocdToken,
      GITEA_TOKEN: giteaToken,
    };
    const podEnv: Record<string, string> = imageEnv(path.join(work, 'home'));
    fs.mkdirSync(podEnv.HOME, { recursive: true });
    const omitted: string[] = [];
    for (const e of deploy.env) {
      if (e.value !== undefined) {
        podEnv[e.name] = HOSTS.some(h => h.name === e.value)
          ? addressOf(e.value)
          : e.value;
      } else if (e.valueFrom?.secretKeyRef) {
        const { key, optional } = e.valueFrom.secretKeyRef;
        if (secret[key] !== undefined) podEnv[e.name] = secret[key];
        else if (optional) omitted.push(e.name);
        else
          throw new Error(
            `deploy/portal.yaml needs Secret key ${key}, which the rehearsal's Secret does not have`,
          );
      }
    }
    for (const key of Object.keys(secret)) {
      assert(
        deploy.env.some(e => e.valueFrom?.secretKeyRef?.key === key),
        `the Secret's ${key} is not in the Deployment's env`,
      );
    }
    // What Kubernetes adds to every pod's env: the API server's Service
    // (the Kubernetes plugin's in-cluster config reads it).
    podEnv.KUBERNETES_SERVICE_HOST = addressOf('kubernetes.default.svc');
    podEnv.KUBERNETES_SERVICE_PORT = '443';
    // The homelab's CA, where deploy/ mounts it (NODE_EXTRA_CA_CERTS names a
    // file in the volume from the portal's certificate Secret): here the
    // run's CA, bind-mounted at that path in each replica's mount namespace.
    const caMount = deploy.caMount;
    const caDir = path.join(work, 'homelab-ca');
    fs.mkdirSync(caDir);
    fs.writeFileSync(path.join(caDir, caMount.file), cert.cert);
    if (!fs.existsSync(caMount.path)) {
      fs.mkdirSync(caMount.path, { recursive: true });
      createdCaMount = caMount.path;
    }
    console.log(
      `  pod env: ${Object.keys(podEnv).join(
        ' ',
      )} (optional Secret keys left out: ${omitted.join(' ') || 'none'})`,
    );
    console.log(
      `  /var/run/secrets/kubernetes.io/serviceaccount (token, ca.crt): the run's, bind-mounted in each replica's mount namespace\n`,
    );

    // ---------------- the replicas
    type Replica = {
      name: string;
      host: string;
      logFile: string;
      pid?: number;
      exited: Promise<number | null>;
      starts: number;
    };
    const replicas: Replica[] = Array.from(
      { length: deploy.replicas },
      (_, i) => ({
        name: `replica-${i + 1}`,
        host: `127.0.11.${i + 1}`,
        logFile: path.join(work, `replica-${i + 1}.log`),
        exited: Promise.resolve(null),
        starts: 0,
      }),
    );
    const startReplica = (r: Replica) => {
      const overlay = path.join(work, `app-config.${r.name}.yaml`);
      fs.writeFileSync(
        overlay,
        stringify({
          ...overrides,
          backend: { ...overrides.backend, listen: { host: r.host } },
        }),
      );
      const log = fs.openSync(r.logFile, 'a');
      const child = spawn(
        '/usr/bin/unshare',
        [
          '-m',
          '--propagation',
          'private',
          '/bin/sh',
          '-c',
          `mount --bind "$0" ${saMount} && mount --bind "$1" ${caMount.path} && shift && exec "$@"`,
          saDir,
          caDir,
          process.execPath,
          'packages/backend',
          '--config',
          prodFile,
          '--config',
          overlay,
        ],
        {
          cwd: image,
          env: podEnv,
          stdio: ['ignore', log, log],
          detached: true,
        },
      );
      child.unref();
      r.pid = child.pid;
      r.starts++;
      r.exited = new Promise(resolve =>
        child.on('exit', code => resolve(code)),
      );
    };
    const killReplica = async (r: Replica) => {
      try {
        process.kill(-r.pid!, 'SIGKILL');
      } catch {
        // gone
      }
      await r.exited;
    };
    const replicaUrl = (r: Replica) =>
      `http://${r.host}:${deploy.containerPort}`;
    stops.push(() =>
      Promise.all(replicas.map(killReplica)).then(() => undefined),
    );
    const portal = await startService(
      {
        host: addressOf('homelab-portal.homelab-portal.svc'),
        port: servicePort,
      },
      () => replicas.map(r => ({ host: r.host, port: deploy.containerPort })),
    );
    stops.push(() => portal.stop());

    // Ready, as the readinessProbe asks. A replica whose startup failed (its
    // log says so) but that stays alive, liveness 200 and readiness 503, is
    // restarted, as is one that exited (restartPolicy Always); each such
    // restart is a finding, printed and counted.
    const findings = findingsOut;
    const startedReady = async (r: Replica) => {
      for (let attempt = 1; ; attempt++) {
        const offset = fs.existsSync(r.logFile)
          ? fs.statSync(r.logFile).size
          : 0;
        startReplica(r);
        let exited = false;
        r.exited.then(() => (exited = true));
        const deadline = Date.now() + 240_000;
        for (;;) {
          const res = await request(
            `${replicaUrl(r)}/.backstage/health/v1/readiness`,
            { timeoutMs: 2000 },
          );
          if (res.status === 200) return;
          const log = fs.readFileSync(r.logFile, 'utf8').slice(offset);
          const failedStart = log.includes('Backend startup failed');
          if (exited || failedStart || Date.now() > deadline) {
            const why =
              /caused by ([^\n"]{0,300})/.exec(log)?.[1] ??
              (exited ? 'exited' : 'not ready in 240 s');
            const live = exited
              ? 'exited'
              : `alive, liveness ${
                  (
                    await request(
                      `${replicaUrl(r)}/.backstage/health/v1/liveness`,
                      { timeoutMs: 2000 },
                    )
                  ).status
                }, readiness ${res.status}`;
            findings.push(
              `${r.name} start ${r.starts}: startup failed (${live}): ${why}`,
            );
            console.log(`  FINDING ${findings[findings.length - 1]}`);
            await killReplica(r);
            if (attempt >= 3)
              throw new Error(`${r.name} did not start in 3 tries`);
            break;
          }
          await sleep(500);
        }
      }
    };

    // All at once on the fresh database, as a first install of deploy/ starts
    // them: the backend's startup lock runs one replica's migrations at a
    // time (packages/backend/src/startup). A failed start fails the step.
    const ready = await step(
      `${deploy.replicas} replicas started together, ready on a fresh PostgreSQL (${dbPrefix}*), none failing its start`,
      async () => {
        await Promise.all(replicas.map(r => startedReady(r)));
        assert(
          findings.length === 0,
          `${findings.length} failed start(s): ${findings.join('; ')}`,
        );
        // The image's LD_PRELOAD (jemalloc, packages/backend/Dockerfile) is
        // loaded.
        const preload = podEnv.LD_PRELOAD;
        for (const r of preload ? replicas : []) {
          assert(
            hasLoaded(r.pid!, preload!),
            `${r.name} runs without ${preload}, the Dockerfile's LD_PRELOAD`,
          );
        }
        const waited = replicas.filter(r =>
          fs
            .readFileSync(r.logFile, 'utf8')
            .includes('Another replica is starting'),
        );
        return `${replicas
          .map(r => `${r.name} ${replicaUrl(r)}`)
          .join(', ')}; ${waited
          .map(r => r.name)
          .join(', ')} waited for the other's migrations${
          preload ? `; each runs with ${preload}` : ''
        }`;
      },
    );
    if (!ready) throw new Error('the portal did not start');

    // ---------------- a day in the homelab
    const api = async (
      method: string,
      url: string,
      token?: string,
      body?: unknown,
    ) => {
      const res = await request(`${portalBase}${url}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.error) throw new Error(`${method} ${url}: ${res.error}`);
      let json: any;
      try {
        json = JSON.parse(res.text);
      } catch {
        json = undefined;
      }
      return { status: res.status as number, json, text: res.text as string };
    };
    const ok = async (
      method: string,
      url: string,
      token: string,
      body?: unknown,
    ) => {
      const res = await api(method, url, token, body);
      assert(
        res.status >= 200 && res.status < 300,
        `${method} ${url} answered ${res.status}: ${res.text.slice(0, 300)}`,
      );
      return res.json;
    };

    const tokens = (await step(
      'sign-in through the OpenID provider (operator in /homelab-admins, resident)',
      async () => {
        // The sign-in resolver finds users in the catalog, which the
        // replicas fill from catalog/ after they are ready: retry a while.
        const signIn = (who: string) =>
          eventually(
            `${who} signed in`,
            async () => {
              try {
                return await oidcSignIn(portalBase, who);
              } catch (error) {
                if (/User not found/.test(String(error))) return undefined;
                throw error;
              }
            },
            90,
          );
        const operator = await signIn('operator');
        const resident = await signIn('resident');
        const who = await ok('GET', '/api/auth/v1/userinfo', operator);
        const claims = who.claims ?? who;
        assert(
          JSON.stringify(claims).includes('group:default/admins'),
          `operator is not in group:default/admins: ${JSON.stringify(claims)}`,
        );
        return { operator, resident } as any;
      },
    )) as unknown as { operator: string; resident: string } | undefined;
    if (!tokens) throw new Error('no sign-in');

    await step(
      'the catalog is read from catalog/ into PostgreSQL (sff-1, sff-2, homelab-cluster, jellyfin)',
      async () => {
        for (const ref of [
          'resource/default/sff-1',
          'resource/default/sff-2',
          'resource/default/homelab-cluster',
          'component/default/jellyfin',
        ]) {
          await eventually(
            ref,
            async () =>
              (
                await api(
                  'GET',
                  `/api/catalog/entities/by-name/${ref}`,
                  tokens.operator,
                )
              ).status === 200
                ? true
                : undefined,
            120,
          );
        }
        return '';
      },
    );

    let downAt = 0;
    await step(
      'sff-1 goes down (its node exporter answers 503); sff-2 has 5% disk left',
      async () => {
        sff1.body = undefined;
        sff2.body = nodeMetrics(0.05);
        downAt = Date.now();
        return '';
      },
    );

    await step(
      '2. a late backup: homelab-cluster breaches its RPO in the backups overview',
      async () => {
        const overview = await eventually(
          'the overview',
          async () => {
            const o = await ok('GET', '/api/backups/overview', tokens.resident);
            return o.source !== 'demo' ? o : undefined;
          },
          60,
        );
        const all = overview.policies.flatMap((p: any) => p.entities);
        const cluster = all.find(
          (e: any) => e.entityRef === 'resource:default/homelab-cluster',
        );
        assert(
          cluster?.rpo === 'breached',
          `homelab-cluster: ${JSON.stringify(
            cluster,
          )}; warnings ${JSON.stringify(overview.warnings)}`,
        );
        const jellyfin = all.find(
          (e: any) => e.entityRef === 'component:default/jellyfin',
        );
        assert(
          jellyfin?.rpo === 'ok',
          `jellyfin (restic on the NAS): ${JSON.stringify(
            jellyfin,
          )}; warnings ${JSON.stringify(overview.warnings)}`,
        );
        return `homelab-cluster rpo=${cluster.rpo} (last good ${cluster.lastGoodAt}), jellyfin rpo=${jellyfin.rpo} from restic`;
      },
    );

    // ---- 3. a Kratix request
    let kratixId = '';
    await step(
      '3. a Kratix request: pull request -> merged -> synced -> Ready',
      async () => {
        // The Promise provider reads the cluster on its own schedule: the
        // replicas may have started a moment ago.
        let seen: string[] = [];
        const promiseApi = await eventually(
          'the postgresql Promise API in the catalog',
          async () => {
            const apis = await ok(
              'GET',
              `/api/catalog/entities/by-query?filter=kind=api,spec.type=kratix-promise&limit=50`,
              tokens.operator,
            );
            seen = apis.items.map((e: any) => e.metadata.name);
            return apis.items.find((e: any) =>
              e.metadata.name.includes('postgresql'),
            );
          },
          90,
        ).catch(error => {
          throw new Error(`${error.message} (seen: ${seen.join(', ')})`);
        });
        const { group, versions, names } = promiseDoc.spec.api.spec;
        const apiVersion = `${group}/${versions[0].name}`;
        const manifest = {
          apiVersion,
          kind: names.kind,
          metadata: { name: 'photos', namespace: 'default' },
          spec: { databaseName: 'photos', ownerRole: 'photos' },
        };
        gitea.commit(
          'request/photos',
          { 'platform/requests/photos.yaml': stringify(manifest) },
          'Request photos',
        );
        const pull = gitea.pulls.length + 1;
        const created = await giteaCreatePull(
          gitea,
          giteaToken,
          cert.cert,
          'request/photos',
          'Request photos',
        );
        assert(created === pull, `pull ${created}`);
        const registered = await ok(
          'POST',
          '/api/kratix/requests',
          tokens.operator,
          {
            promiseEntityRef: `api:${
              promiseApi.metadata.namespace ?? 'default'
            }/${promiseApi.metadata.name}`,
            manifest,
            forge: 'gitea',
            pullRequestUrl: `${gitea.baseUrl}/homelab/gitops/pulls/${created}`,
          },
        );
        kratixId = registered.id;
        const state = async () =>
          (await ok('GET', `/api/kratix/requests/${kratixId}`, tokens.resident))
            .state;
        await eventually(
          'pr-open',
          async () => ((await state()) === 'pr-open' ? true : undefined),
          30,
        );
        gitea.merge(created);
        await eventually(
          'merged',
          async () => ((await state()) === 'merged' ? true : undefined),
          30,
        );
        argocd.set({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: { name: 'platform-requests', namespace: 'argocd' },
          spec: {
            project: 'default',
            source: {
              repoURL: `${gitea.baseUrl}/homelab/gitops.git`,
              path: 'platform/requests',
              targetRevision: 'main',
            },
            destination: {
              server: 'https://kubernetes.default.svc',
              namespace: 'default',
            },
          },
          status: {
            sync: { status: 'Synced', revision: 'abc123' },
            resources: [
              {
                group,
                version: versions[0].name,
                kind: names.kind,
                namespace: 'default',
                name: 'photos',
                status: 'Synced',
              },
            ],
          },
        });
        kube.put(manifest);
        await eventually(
          'synced',
          async () =>
            ['synced', 'ready'].includes(await state()) ? true : undefined,
          30,
        );
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        kube.setStatus(apiVersion, names.kind, 'default', 'photos', {
          conditions: [
            {
              type: 'ConfigureWorkflowCompleted',
              status: 'True',
              reason: 'PipelinesExecutedSuccessfully',
              message: 'Pipelines completed',
              lastTransitionTime: now,
            },
            {
              type: 'Reconciled',
              status: 'True',
              reason: 'Reconciled',
              message: 'Reconciled',
              lastTransitionTime: now,
            },
          ],
        });
        await eventually(
          'ready',
          async () => ((await state()) === 'ready' ? true : undefined),
          30,
        );
        return `request ${kratixId}: ${(
          await ok('GET', `/api/kratix/requests/${kratixId}`, tokens.resident)
        ).events
          .map((e: any) => e.state)
          .join(' -> ')}`;
      },
    );

    await step('5a. replica-1 restarts (SIGKILL, started again)', async () => {
      await killReplica(replicas[0]);
      await startedReady(replicas[0]);
      return '';
    });

    // ---- 1. a node goes down
    const history = async () =>
      await ok(
        'GET',
        '/api/alerts/history?entityRef=resource:default/sff-1&limit=50',
        tokens.resident,
      );
    // Alertmanager's deliveries, as the replicas logged them (any replica).
    const webhookDeliveries = () =>
      replicas
        .map(r => fs.readFileSync(r.logFile, 'utf8'))
        .join('\n')
        .split('\n')
        .filter(
          l =>
            l.includes('POST /api/alerts/webhook/homelab HTTP/1.1\\" 200') &&
            l.includes('Alertmanager/'),
        ).length;
    const nodeDownEvents = async () => {
      const h = await history();
      return (h.items ?? h.events ?? []).filter(
        (e: any) => (e.alertname ?? e.labels?.alertname) === 'NodeDown',
      );
    };
    await step(
      '1a. NodeDown fires (deploy rules), Alertmanager delivers to the portal Service, history shows it',
      async () => {
        const events = await eventually(
          'NodeDown in history, and a webhook delivery',
          async () => {
            const e = await nodeDownEvents();
            return e.length && webhookDeliveries() > 0 ? e : undefined;
          },
          240,
        );
        return `${events.length} event(s) (via ${events
          .map((e: any) => e.via)
          .join(
            ', ',
          )}), ${webhookDeliveries()} webhook delivery(ies) answered 200, ${(
          (Date.now() - downAt) /
          1000
        ).toFixed(0)}s after the exporter stopped`;
      },
    );

    const decisions = async (policy: string) =>
      (
        await ok(
          'GET',
          `/api/cybernetics/decisions?policy=${policy}`,
          tokens.resident,
        )
      ).items as any[];
    let nodeDecision: any;
    await step(
      '1b. the cybernetics loop proposes a decision for sff-1',
      async () => {
        nodeDecision = await eventually(
          'a node-down decision',
          async () => (await decisions('node-down'))[0],
          150,
        );
        assert(
          nodeDecision.state === 'proposed',
          `state ${nodeDecision.state}`,
        );
        return `${nodeDecision.id.slice(0, 8)}: ${nodeDecision.title}`;
      },
    );
    await step(
      '1c. the resident may not approve it (403); the operator does',
      async () => {
        assert(nodeDecision, 'no decision to approve');
        const denied = await api(
          'POST',
          `/api/cybernetics/decisions/${nodeDecision.id}/approve`,
          tokens.resident,
          { comment: 'me too' },
        );
        assert(
          denied.status === 403,
          `resident's approval answered ${denied.status}`,
        );
        // The operator's approval reaches replica-2 while replica-1 is
        // frozen (SIGSTOP), so replica-2's scaffolder claims the change.
        process.kill(-replicas[0].pid!, 'SIGSTOP');
        forgeService.hold();
        let approved;
        try {
          const res = await request(
            `${replicaUrl(replicas[1])}/api/cybernetics/decisions/${
              nodeDecision.id
            }/approve`,
            {
              method: 'POST',
              headers: {
                authorization: `Bearer ${tokens.operator}`,
                'content-type': 'application/json',
              },
              body: JSON.stringify({ comment: 'run it' }),
            },
          );
          approved = { status: res.status, text: res.text as string };
        } catch (error) {
          process.kill(-replicas[0].pid!, 'SIGCONT');
          forgeService.release();
          throw error;
        }
        assert(
          approved.status === 200,
          `operator's approval answered ${
            approved.status
          }: ${approved.text.slice(0, 200)}`,
        );
        return `operator: ${JSON.parse(approved.text).state}, on replica-2`;
      },
    );
    await step(
      '5b. replica-2 is killed (SIGKILL) while its scaffolder opens the pull request; replica-1 takes the task over',
      async () => {
        const pullsBefore = gitea.pulls.length;
        let inFlight = 0;
        try {
          // The task reaches its pull-request step, whose first call to the
          // forge waits (the forge's Service holds it).
          const scaffolderDb = `${PG_URL}/${dbPrefix}scaffolder`;
          await eventually(
            'the change at its pull-request step on replica-2',
            async () => {
              const { stdout } = await execFileAsync('psql', [
                scaffolderDb,
                '-tAc',
                `SELECT count(*) FROM task_events
                  WHERE event_type = 'log' AND body::jsonb->>'stepId' = 'pr-gitea'`,
              ]);
              return Number(stdout.trim()) > 0 ? true : undefined;
            },
            60,
          );
          inFlight = await eventually(
            'its first forge call held',
            async () => forgeService.waiting() || undefined,
            30,
          );
          await killReplica(replicas[1]);
        } finally {
          process.kill(-replicas[0].pid!, 'SIGCONT');
          forgeService.release();
        }
        assert(
          gitea.pulls.length === pullsBefore,
          'a pull request was opened before replica-2 died',
        );
        return `killed with ${inFlight} forge call(s) in flight; replica-1 resumed`;
      },
    );
    let pullNumber = 0;
    await step(
      '1d. replica-1 carries the change out (scaffolder task recovery): one pull request on the forge',
      async () => {
        assert(nodeDecision, 'no decision');
        const d = await eventually(
          'executed',
          async () => {
            const x = (await decisions('node-down'))[0];
            return x.state === 'executed' ? x : undefined;
          },
          180,
        );
        const pull = gitea.pulls.find(p =>
          d.pullRequestUrl?.endsWith(`/pulls/${p.number}`),
        );
        const sameBranch = gitea.pulls.filter(p => p.head === pull?.head);
        assert(
          sameBranch.length === 1,
          `${sameBranch.length} pull requests for ${pull?.head}`,
        );
        assert(
          pull,
          `no pull request ${d.pullRequestUrl} on the forge (${gitea.pulls.map(
            p => p.number,
          )})`,
        );
        pullNumber = pull.number;
        return `${d.pullRequestUrl} (${pull.head})`;
      },
    );
    await step('5c. replica-2 starts again', async () => {
      await startedReady(replicas[1]);
      return '';
    });
    await step(
      '1e. merged; sff-1 comes back; the alert resolves in history with its MTTR',
      async () => {
        assert(pullNumber, 'no pull request to merge');
        assert(
          !(await nodeDownEvents()).some((e: any) => e.status === 'resolved'),
          'NodeDown was resolved in history while sff-1 was still down',
        );
        gitea.merge(pullNumber);
        sff1.body = nodeMetrics(0.5);
        const upAt = Date.now();
        const h = await eventually(
          'a resolved NodeDown with an MTTR',
          async () => {
            const x = await history();
            return x.events.some(
              (e: any) => e.alertname === 'NodeDown' && e.status === 'resolved',
            ) && x.stats.mttrSeconds !== null
              ? x
              : undefined;
          },
          120,
        );
        const resolved = h.events.find(
          (e: any) => e.alertname === 'NodeDown' && e.status === 'resolved',
        );
        assert(
          Date.parse(resolved.endsAt) >= upAt - 5000,
          `resolved at ${resolved.endsAt}, before sff-1 came back`,
        );
        return `resolved via ${resolved.via}, MTTR ${h.stats.mttrSeconds}s`;
      },
    );
    await step('1f. the decision is verified', async () => {
      assert(pullNumber, 'nothing merged');
      const d = await eventually(
        'verified',
        async () => {
          const x = (await decisions('node-down'))[0];
          return x.state === 'verified' ? x : undefined;
        },
        120,
      );
      return d.audit.map((a: any) => `${a.to}`).join(' -> ');
    });

    // ---- the auto-approved silence
    await step(
      'DiskFull on sff-2 is silenced by the loop unasked (act, low risk), with service credentials',
      async () => {
        const d = await eventually(
          'the disk-full decision carried out',
          async () => {
            const x = (await decisions('disk-full'))[0];
            return x && ['executed', 'verified'].includes(x.state)
              ? x
              : undefined;
          },
          120,
        );
        return `${d.state}: ${d.audit
          .map((a: any) => a.note)
          .filter(Boolean)
          .join('; ')
          .slice(0, 160)}`;
      },
    );

    // ---- 4. MCP
    await step(
      '4. an MCP client (@modelcontextprotocol/sdk) lists and explains decisions',
      async () => {
        const client = new Client({
          name: 'homelab-rehearsal',
          version: '1.0.0',
        });
        const transport = new StreamableHTTPClientTransport(
          new URL(`${portalBase}/api/mcp-actions/v1`),
          {
            requestInit: {
              headers: { Authorization: `Bearer ${tokens.resident}` },
            },
          },
        );
        await client.connect(transport);
        try {
          const { tools } = await client.listTools();
          const list = tools.find(t => t.name.includes('list-decisions'));
          const explain = tools.find(t => t.name.includes('explain-decision'));
          assert(
            list && explain,
            `tools: ${tools.map(t => t.name).join(', ')}`,
          );
          const listed = await client.callTool({
            name: list.name,
            arguments: {},
          });
          const listedText = JSON.stringify(listed.content);
          assert(
            listedText.includes(nodeDecision.id),
            `list-decisions does not name ${
              nodeDecision.id
            }: ${listedText.slice(0, 300)}`,
          );
          const explained = await client.callTool({
            name: explain.name,
            arguments: { id: nodeDecision.id },
          });
          const text = JSON.stringify(explained.content);
          assert(
            text.includes('verified'),
            `explain-decision: ${text.slice(0, 300)}`,
          );
          return `${tools.length} tools; ${list.name}, ${explain.name}`;
        } finally {
          await client.close();
        }
      },
    );

    // ---- 5. nothing lost, nothing twice
    await step(
      '5. after the restarts: nothing lost, nothing done twice',
      async () => {
        const problems: string[] = [];
        const node = await decisions('node-down');
        if (node.length !== 1)
          problems.push(`${node.length} node-down decisions`);
        const pulls = gitea.pulls.filter(p =>
          p.head.startsWith('cybernetics/'),
        );
        const heads = new Set(pulls.map(p => p.head));
        if (heads.size !== pulls.length)
          problems.push(
            `pull requests per decision: ${pulls.map(p => p.head).join(', ')}`,
          );
        if (pulls.length !== 1)
          problems.push(
            `${pulls.length} cybernetics pull requests, expected 1`,
          );
        const disk = await decisions('disk-full');
        if (disk.length !== 1)
          problems.push(`${disk.length} disk-full decisions`);
        const silences = (await (
          await fetch(`${amUrl}/api/v2/silences`)
        ).json()) as any[];
        const active = silences.filter(s => s.status.state === 'active');
        if (active.length !== 1)
          problems.push(
            `${active.length} active silences in Alertmanager, expected 1`,
          );
        const events = await nodeDownEvents();
        const firings = events.filter((e: any) => e.status === 'firing');
        const resolutions = events.filter((e: any) => e.status === 'resolved');
        if (firings.length !== 1 || resolutions.length !== 1)
          problems.push(
            `NodeDown history: ${firings.length} firing and ${resolutions.length} resolved events for one firing`,
          );
        const req = await ok(
          'GET',
          `/api/kratix/requests/${kratixId}`,
          tokens.resident,
        );
        if (req.state !== 'ready')
          problems.push(`the Kratix request is ${req.state}`);
        const states = req.events.map((e: any) => e.state);
        if (new Set(states).size !== states.length)
          problems.push(`Kratix events twice: ${states.join(',')}`);
        const restarts = replicas
          .map(r => `${r.name} started ${r.starts}x`)
          .join(', ');
        assert(problems.length === 0, problems.join('; '));
        return `1 decision, 1 PR, 1 silence, 1 history event, request ready (${restarts})`;
      },
    );
  } catch (error) {
    failed = true;
    console.log(`[+${elapsed()}] FAIL ${(error as Error).stack ?? error}`);
  } finally {
    const errors = fs
      .readdirSync(work)
      .filter(f => f.startsWith('replica-') && f.endsWith('.log'))
      .flatMap(f =>
        fs
          .readFileSync(path.join(work, f), 'utf8')
          .split('\n')
          .filter(l => l.includes('"level":"error"'))
          .map(l => `${f}: ${l.slice(0, 240)}`),
      );
    if (errors.length) {
      console.log(
        `\nerror lines in the replicas' logs (${errors.length}, first 10):`,
      );
      errors.slice(0, 10).forEach(l => console.log(`  ${l}`));
    }
    if (findingsOut.length) {
      console.log('\nfindings:');
      findingsOut.forEach(f => console.log(`  ${f}`));
    }
    console.log('\ntimeline:');
    for (const t of timeline)
      console.log(
        `  +${t.at.padStart(7)}  ${t.ok ? 'PASS' : 'FAIL'}  ${(t.ms / 1000)
          .toFixed(1)
          .padStart(6)}s  ${t.step}`,
      );
    await cleanup();
  }
  const passed = timeline.filter(t => t.ok).length;
  console.log(
    `\nproduction rehearsal: ${failed ? 'FAIL' : 'PASS'} in ${elapsed()}`,
  );
  console.log(`${passed} passed, ${timeline.length - passed} failed`);
  process.exit(failed ? 1 : 0);
}

/** Drops the run's databases, all at once (one by one takes minutes on a busy server). */
async function dropAll(pgUrl: string, prefix: string) {
  try {
    const { stdout } = await execFileAsync('psql', [
      `${pgUrl}/postgres`,
      '-tAc',
      `SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'`,
    ]);
    const names = stdout.split('\n').filter(Boolean);
    await Promise.all(
      names.map(name =>
        execFileAsync('psql', [
          `${pgUrl}/postgres`,
          '-qc',
          `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
        ]).catch(() => undefined),
      ),
    );
    const { stdout: left } = await execFileAsync('psql', [
      `${pgUrl}/postgres`,
      '-tAc',
      `SELECT count(*) FROM pg_database WHERE datname LIKE '${prefix}%'`,
    ]);
    if (left.trim() !== '0')
      console.log(`rehearsal: ${left.trim()} ${prefix}* databases left behind`);
  } catch (error) {
    console.log(
      `rehearsal: could not drop the ${prefix}* databases: ${
        (error as Error).message
      }`,
    );
  }
}

/** Opens a pull request through the forge's API, over TLS with the run's CA, as the templates do. */
async function giteaCreatePull(
  gitea: FakeGitea,
  token: string,
  ca: string,
  head: string,
  title: string,
) {
  const https = await import('node:https');
  const url = new URL(`${gitea.baseUrl}/api/v1/repos/homelab/gitops/pulls`);
  const body = JSON.stringify({ head, base: 'main', title });
  return new Promise<number>((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        ca,
        headers: {
          authorization: `token ${token}`,
          'content-type': 'application/json',
        },
      },
      res => {
        let text = '';
        res.on('data', c => (text += c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text).number);
          } catch {
            reject(new Error(`pull request: ${res.statusCode} ${text}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

main();
