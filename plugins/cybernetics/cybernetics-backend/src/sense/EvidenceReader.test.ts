import { FakeArgoCd } from '@homelab-portal/test-utils';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EvidenceReader,
  PrometheusError,
  Workload,
  consumerQueries,
  serviceOf,
} from './EvidenceReader';

jest.setTimeout(60_000);

const PROMETHEUS = '/usr/bin/prometheus';
// Debian's Prometheus is installed here and in CI; without it the test fails.
const describeWithPrometheus =
  process.env.CI === 'true' || existsSync(PROMETHEUS)
    ? describe
    : describe.skip;

const workloads: Workload[] = [
  {
    entityRef: 'component:default/loki',
    name: 'loki',
    namespace: 'monitoring',
    kubernetesId: 'loki',
    argocdApp: 'loki',
  },
  {
    entityRef: 'component:default/prometheus',
    name: 'prometheus',
    namespace: 'monitoring',
    kubernetesId: 'prometheus',
    argocdApp: 'prometheus',
  },
  {
    entityRef: 'component:default/jellyfin',
    name: 'jellyfin',
    namespace: 'jellyfin',
    kubernetesId: 'jellyfin',
    argocdApp: 'jellyfin',
  },
  {
    entityRef: 'component:default/ollama',
    name: 'ollama',
    namespace: 'ollama',
    kubernetesId: 'ollama',
    argocdApp: 'ollama',
  },
];

/** What cAdvisor and the kubelet export, with the node label kube-prometheus-stack adds. */
function kubeletMetrics(seconds: number): string {
  const fs = (
    node: string,
    device: string,
    ns: string,
    pod: string,
    v: number,
  ) =>
    `container_fs_usage_bytes{node="${node}",device="${device}",namespace="${ns}",pod="${pod}",container="main"} ${v}`;
  return [
    '# TYPE container_fs_usage_bytes gauge',
    fs('sff-1', '/dev/nvme0n1p2', 'monitoring', 'loki-0', 4.4e11),
    fs('sff-1', '/dev/nvme0n1p2', 'jellyfin', 'jellyfin-7d9f-abcde', 1.0e11),
    fs(
      'sff-1',
      '/dev/nvme0n1p2',
      'monitoring',
      'prometheus-kube-prometheus-prometheus-0',
      6e10,
    ),
    // another device on the same node, and the same device on another node
    fs('sff-1', '/dev/sda1', 'ollama', 'ollama-0', 9e12),
    fs('sff-2', '/dev/nvme0n1p2', 'ollama', 'ollama-0', 8e11),
    // a series Prometheus keeps as NaN: no evidence
    fs('sff-1', '/dev/nvme0n1p2', 'kiwix', 'kiwix-0', NaN),
    '# TYPE kubelet_volume_stats_used_bytes gauge',
    'kubelet_volume_stats_used_bytes{node="sff-1",namespace="monitoring",persistentvolumeclaim="storage-loki-0"} 2.0e11',
    '# TYPE container_memory_working_set_bytes gauge',
    'container_memory_working_set_bytes{node="sff-3",namespace="ollama",pod="ollama-0",container="ollama"} 2.2e10',
    'container_memory_working_set_bytes{node="sff-3",namespace="jellyfin",pod="jellyfin-7d9f-abcde",container="jellyfin"} 3e9',
    // the pod's own cgroup (container="") is not counted twice
    'container_memory_working_set_bytes{node="sff-3",namespace="ollama",pod="ollama-0",container=""} 2.3e10',
    '# TYPE container_cpu_usage_seconds_total counter',
    `container_cpu_usage_seconds_total{node="sff-3",namespace="ollama",pod="ollama-0",container="ollama"} ${
      3.5 * seconds
    }`,
    `container_cpu_usage_seconds_total{node="sff-3",namespace="jellyfin",pod="jellyfin-7d9f-abcde",container="jellyfin"} ${
      0.25 * seconds
    }`,
    '',
  ].join('\n');
}

async function startPrometheus(dir: string, target: string) {
  const port = await new Promise<number>(r => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => r(p));
    });
  });
  const config = join(dir, 'prometheus.yml');
  await writeFile(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: kubelet',
      '    static_configs:',
      `      - targets: ['${target}']`,
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('Prometheus did not start');
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('consumers and services', () => {
  it('escalates no label value into the query', () => {
    const [{ query }] = consumerQueries('memory', {
      node: 'x"} or vector(1) or {__name__=~".+',
    });
    expect(query).toBe(
      'topk(5, sum by (namespace, pod) (container_memory_working_set_bytes{node="x\\"} or vector(1) or {__name__=~\\".+", container!=""}))',
    );
  });

  it('names the service of a pod by its kubernetes-id in its namespace', () => {
    expect(serviceOf('monitoring', 'loki-0', workloads)?.name).toBe('loki');
    expect(
      serviceOf(
        'monitoring',
        'prometheus-kube-prometheus-prometheus-0',
        workloads,
      )?.name,
    ).toBe('prometheus');
    expect(serviceOf('jellyfin', 'anything', workloads)?.name).toBe('jellyfin');
    expect(serviceOf('monitoring', 'grafana-0', workloads)).toBeUndefined();
  });
});

describeWithPrometheus(
  'evidence from a real Prometheus and the fake ArgoCD',
  () => {
    let dir: string;
    let exporter: Server;
    let prometheus: { url: string; stop(): Promise<void> };
    const argocd = new FakeArgoCd('argocd-token');
    let argocdUrl: string;
    const started = Date.now();
    const readerFor = (url: string) =>
      new EvidenceReader({
        prometheus: { baseUrl: url },
        argocd: { baseUrl: argocdUrl, token: 'argocd-token' },
        workloads: async () => workloads,
        timeoutMs: 5000,
      });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cyber-evidence-'));
      exporter = createServer((_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
          .end(kubeletMetrics((Date.now() - started) / 1000 + 100)),
      );
      await new Promise<void>(r => exporter.listen(0, '127.0.0.1', r));
      prometheus = await startPrometheus(
        dir,
        `127.0.0.1:${(exporter.address() as AddressInfo).port}`,
      );
      argocd.set({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'ollama', namespace: 'argocd' },
        spec: {
          project: 'default',
          source: {
            repoURL: 'https://git.lab.local/homelab/gitops.git',
            path: 'apps/ollama',
            targetRevision: 'main',
          },
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'ollama',
          },
        },
        status: {
          history: [
            {
              id: 1,
              revision: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
              deployedAt: '2026-11-20T08:00:00Z',
              deployStartedAt: '2026-11-20T07:59:50Z',
              source: { repoURL: 'https://git.lab.local/homelab/gitops.git' },
            },
            {
              id: 2,
              revision: '4f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
              deployedAt: '2026-12-01T09:40:00Z',
              deployStartedAt: '2026-12-01T09:39:50Z',
              source: { repoURL: 'https://git.lab.local/homelab/gitops.git' },
            },
          ],
        },
      });
      argocd.revisions.set('4f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39', {
        author: 'operator <operator@lab.local>',
        date: '2026-12-01T09:39:00Z',
        message: 'ollama: load llama3.1:70b\n\nbigger model',
      });
      argocdUrl = await argocd.start();
      // two scrapes at least, so that rate() has a value
      const reader = readerFor(prometheus.url);
      const deadline = Date.now() + 30_000;
      while ((await reader.topConsumers('cpu', { node: 'sff-3' })).length < 2) {
        if (Date.now() > deadline) throw new Error('no CPU series scraped');
        await new Promise(r => setTimeout(r, 500));
      }
    });

    afterAll(async () => {
      await prometheus?.stop();
      exporter?.closeAllConnections();
      await new Promise(r => exporter?.close(r));
      await argocd.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('finds the biggest consumers of one device on one node', async () => {
      const consumers = await readerFor(prometheus.url).topConsumers('disk', {
        node: 'sff-1',
        device: '/dev/nvme0n1p2',
      });
      expect(
        consumers.map(c => [
          c.kind,
          c.namespace,
          c.name,
          c.value,
          c.service?.name,
        ]),
      ).toEqual([
        ['pod', 'monitoring', 'loki-0', 4.4e11, 'loki'],
        ['volume', 'monitoring', 'storage-loki-0', 2e11, 'loki'],
        ['pod', 'jellyfin', 'jellyfin-7d9f-abcde', 1e11, 'jellyfin'],
        [
          'pod',
          'monitoring',
          'prometheus-kube-prometheus-prometheus-0',
          6e10,
          'prometheus',
        ],
      ]);
    });

    it('finds the top CPU and memory consumers of a node', async () => {
      const reader = readerFor(prometheus.url);
      const cpu = await reader.topConsumers('cpu', { node: 'sff-3' });
      expect(cpu.map(c => c.name)).toEqual(['ollama-0', 'jellyfin-7d9f-abcde']);
      // rate() over 5 minutes of a few seconds of samples is small, but the
      // two pods keep their ratio (3.5 cores against 0.25)
      expect(cpu[1].value).toBeGreaterThan(0);
      expect(cpu[0].value / cpu[1].value).toBeCloseTo(14, 0);
      const memory = await reader.topConsumers('memory', { node: 'sff-3' });
      expect(memory.map(c => [c.name, c.value])).toEqual([
        ['ollama-0', 2.2e10],
        ['jellyfin-7d9f-abcde', 3e9],
      ]);
    });

    it('answers an injection attempt with nothing, not everything', async () => {
      const consumers = await readerFor(prometheus.url).topConsumers('memory', {
        node: 'x"} or vector(1) or {__name__=~".+',
      });
      expect(consumers).toEqual([]);
    });

    it('reads the recent deployments from ArgoCD’s history, newest first', async () => {
      const changes = await readerFor(prometheus.url).recentChanges([
        'ollama',
        'not-an-app',
      ]);
      expect(changes).toEqual([
        {
          app: 'ollama',
          deployedAt: '2026-12-01T09:40:00Z',
          revision: '4f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
          author: 'operator <operator@lab.local>',
          message: 'ollama: load llama3.1:70b',
        },
        {
          app: 'ollama',
          deployedAt: '2026-11-20T08:00:00Z',
          revision: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
        },
      ]);
    });

    it('says clearly when Prometheus cannot be reached or ArgoCD refuses', async () => {
      await expect(
        readerFor('http://127.0.0.1:1').topConsumers('cpu', { node: 'sff-3' }),
      ).rejects.toThrow(PrometheusError);
      const refused = new EvidenceReader({
        argocd: { baseUrl: argocdUrl, token: 'wrong' },
        workloads: async () => [],
        timeoutMs: 5000,
      });
      await expect(refused.recentChanges(['ollama'])).rejects.toThrow(
        /answered HTTP 401/,
      );
      await expect(
        refused.topConsumers('cpu', { node: 'sff-3' }),
      ).rejects.toThrow(/no Prometheus is configured/);
    });
  },
);
