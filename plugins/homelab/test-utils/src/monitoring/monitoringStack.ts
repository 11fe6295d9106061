import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

export const PROMETHEUS = '/usr/bin/prometheus';
export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
export const RULES = resolvePackagePath(
  '@homelab-portal/test-utils',
  '../../../deploy/prometheus/homelab-alerts.rules.yaml',
);

/** Runs where both are installed, and always in CI (where missing ones fail). */
export const describeWithMonitoring =
  process.env.CI === 'true' ||
  (existsSync(PROMETHEUS) && existsSync(ALERTMANAGER))
    ? describe
    : describe.skip;

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

export type Running = { url: string; stop(): Promise<void> };

async function start(
  binary: string,
  args: string[],
  url: string,
  ready: string,
): Promise<Running> {
  const child: ChildProcess = spawn(binary, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${binary} exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}${ready}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${binary} did not become ready: ${stderr}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/**
 * A real Alertmanager that delivers every notification, at once, to the
 * portal's webhook with the bearer token, including resolutions.
 */
export async function startAlertmanager(
  dir: string,
  webhookUrl: string,
  token: string,
  port: number,
): Promise<Running> {
  const config = join(dir, 'alertmanager.yml');
  await writeFile(
    config,
    [
      'route:',
      '  receiver: portal',
      "  group_by: ['alertname', 'node']",
      '  group_wait: 1s',
      '  group_interval: 1s',
      '  repeat_interval: 1h',
      'receivers:',
      '  - name: portal',
      '    webhook_configs:',
      `      - url: ${webhookUrl}`,
      '        send_resolved: true',
      '        http_config:',
      '          authorization:',
      `            credentials: ${token}`,
    ].join('\n'),
  );
  return start(
    ALERTMANAGER,
    [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'alertmanager-data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    `http://127.0.0.1:${port}`,
    '/-/ready',
  );
}

/**
 * A real Prometheus evaluating the shipped rules every second, scraping the
 * given node exporters (as instance names), alerting to the Alertmanager.
 */
export async function startPrometheus(
  dir: string,
  alertmanagerUrl: string,
  targets: Array<{ address: string; instance: string }>,
): Promise<Running> {
  const port = await freePort();
  const config = join(dir, 'prometheus.yml');
  await writeFile(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      `  - ${RULES}`,
      'alerting:',
      '  alertmanagers:',
      '    - static_configs:',
      `        - targets: ['${new URL(alertmanagerUrl).host}']`,
      'scrape_configs:',
      '  - job_name: node',
      '    static_configs:',
      ...targets.flatMap(t => [
        `      - targets: ['${t.address}']`,
        `        labels: { instance: '${t.instance}' }`,
      ]),
    ].join('\n'),
  );
  return start(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'prometheus-data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--rules.alert.resend-delay=1s',
      '--log.level=warn',
    ],
    `http://127.0.0.1:${port}`,
    '/-/ready',
  );
}

/** A node_exporter stand-in whose metrics (or failure) the test sets. */
export class FakeNodeExporter {
  body: string | undefined = '';
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((_req: IncomingMessage, res: ServerResponse) => {
      if (this.body === undefined) {
        res.writeHead(503).end('down');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end(this.body);
    });
    await new Promise<void>(r => this.server!.listen(0, '127.0.0.1', r));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise(r => this.server?.close(r));
  }
}

export function nodeMetrics(freeRatio: number): string {
  return [
    '# TYPE node_filesystem_avail_bytes gauge',
    `node_filesystem_avail_bytes{mountpoint="/",fstype="ext4",device="/dev/nvme0n1p2"} ${
      freeRatio * 1e12
    }`,
    '# TYPE node_filesystem_size_bytes gauge',
    'node_filesystem_size_bytes{mountpoint="/",fstype="ext4",device="/dev/nvme0n1p2"} 1e12',
    '',
  ].join('\n');
}

export async function tempDir(): Promise<{
  path: string;
  remove(): Promise<void>;
}> {
  const path = await mkdtemp(join(tmpdir(), 'alerts-stack-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
