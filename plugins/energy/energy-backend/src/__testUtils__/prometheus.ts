import { execFile, spawn, ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Sample = [seconds: number, value: number];

export type GeneratedSeries = {
  /** For counters, the family name without `_total`. */
  family: string;
  type: 'counter' | 'gauge';
  labels: Record<string, string>;
  samples: Sample[];
};

export type RunningPrometheus = {
  url: string;
  stop(): Promise<void>;
};

/** Debian's prometheus and promtool, or the ones PROMETHEUS_BIN_DIR names. */
export function prometheusBinary(name: 'prometheus' | 'promtool'): string {
  const dir = process.env.PROMETHEUS_BIN_DIR ?? '/usr/bin';
  return join(dir, name);
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function formatLabels(labels: Record<string, string>): string {
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',');
  return `{${inner}}`;
}

/** The series as OpenMetrics text, which `promtool tsdb create-blocks-from` reads. */
export function toOpenMetrics(series: GeneratedSeries[]): string {
  const families = new Map<string, GeneratedSeries[]>();
  for (const s of series) {
    families.set(s.family, [...(families.get(s.family) ?? []), s]);
  }
  const lines: string[] = [];
  for (const [family, members] of families) {
    lines.push(`# TYPE ${family} ${members[0].type}`);
    const name = members[0].type === 'counter' ? `${family}_total` : family;
    for (const member of members) {
      const labels = formatLabels(member.labels);
      for (const [t, v] of member.samples) {
        lines.push(`${name}${labels} ${formatValue(v)} ${t}`);
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

const CHUNK_SECONDS = 86400;

/**
 * promtool reads its whole input once per 2-hour block, so a month in one
 * file takes minutes. Day-sized files (whole blocks each) take seconds.
 */
async function backfill(series: GeneratedSeries[], dir: string, data: string) {
  const chunks = new Map<number, GeneratedSeries[]>();
  for (const s of series) {
    const byChunk = new Map<number, Sample[]>();
    for (const sample of s.samples) {
      const chunk = Math.floor(sample[0] / CHUNK_SECONDS);
      if (!byChunk.has(chunk)) byChunk.set(chunk, []);
      byChunk.get(chunk)!.push(sample);
    }
    for (const [chunk, samples] of byChunk) {
      if (!chunks.has(chunk)) chunks.set(chunk, []);
      chunks.get(chunk)!.push({ ...s, samples });
    }
  }
  const pending = [...chunks.entries()];
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const [chunk, members] = next;
      const input = join(dir, `chunk-${chunk}.om`);
      await writeFile(input, toOpenMetrics(members));
      await run(
        prometheusBinary('promtool'),
        ['tsdb', 'create-blocks-from', 'openmetrics', '-q', input, data],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      await rm(input);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

/**
 * Starts a real Prometheus whose TSDB holds exactly the given series,
 * backfilled with promtool, and waits until it answers queries.
 */
export async function startPrometheus(
  series: GeneratedSeries[],
): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'energy-prometheus-'));
  const data = join(dir, 'data');
  await backfill(series, dir, data);
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, 'global:\n  scrape_interval: 30s\n');
  const port = await freePort();
  const child: ChildProcess = spawn(
    prometheusBinary('prometheus'),
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited (${child.exitCode}): ${stderr}`);
    }
    try {
      const ready = await fetch(`${url}/-/ready`);
      if (ready.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus did not become ready: ${stderr}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
