// Browser tests: a Kubernetes API server for the cluster view (no cluster
// runs here), reached by the second backend of playwright.config.ts through
// the Kubernetes plugin (e2e/app-config.cluster.yaml). It knows the real
// Kratix and Velero CRDs from the shared fixtures, and holds one Node per
// compute node of catalog/ (sff-3 cordoned), the services' namespaces and
// workloads, each checked against Kubernetes' own schema.
import '@homelab-portal/plugin-homelab-node/fixtures';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  FakeKubeApi,
  seedCatalog,
} from '@homelab-portal/plugin-homelab-node/testUtils';

const port = Number(process.env.E2E_KUBE_PORT ?? 7093);
const fixtures = join(__dirname, '../../shared/fixtures');
const crds = ['kratix/crds', 'velero/crds'].flatMap(dir =>
  readdirSync(join(fixtures, dir))
    .filter(file => file.endsWith('.yaml'))
    .map(file => parse(readFileSync(join(fixtures, dir, file), 'utf8'))),
);
const kube = new FakeKubeApi(crds, 'e2e-kube-token');

const entities = seedCatalog();
for (const entity of entities) {
  if (entity.spec?.type !== 'compute-node') continue;
  const hardware = entity.spec.hardware as { cores: number; memoryGiB: number };
  const name = entity.metadata.name;
  kube.put({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': '',
      },
    },
    spec: name === 'sff-3' ? { unschedulable: true } : {},
    status: {
      capacity: {
        cpu: String(hardware.cores),
        memory: `${hardware.memoryGiB}Gi`,
      },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      addresses: [{ type: 'Hostname', address: name }],
      nodeInfo: {
        architecture: 'amd64',
        bootID: `${name}-boot`,
        containerRuntimeVersion: 'containerd://1.7.13',
        kernelVersion: '6.7.4-200.fc39.x86_64',
        kubeProxyVersion: 'v1.29.2',
        kubeletVersion: 'v1.29.2',
        machineID: `${name}-machine`,
        operatingSystem: 'linux',
        osImage: 'Fedora CoreOS 39',
        systemUUID: `${name}-uuid`,
      },
    },
  });
}
const namespaces = new Set(
  entities.flatMap(
    e => e.metadata.annotations?.['backstage.io/kubernetes-namespace'] ?? [],
  ),
);
for (const name of namespaces) {
  kube.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

// Each service's workload, labelled with its backstage.io/kubernetes-id, in
// its namespace: a Deployment, its ReplicaSet and Pod (Jellyfin's is
// crash-looping) and a Service, as the Kubernetes plugin reads them for the service's tab.
for (const entity of entities) {
  const annotations = entity.metadata.annotations ?? {};
  const id = annotations['backstage.io/kubernetes-id'];
  const namespace = annotations['backstage.io/kubernetes-namespace'];
  if (!id || !namespace) continue;
  const labels = { 'backstage.io/kubernetes-id': id, app: id };
  const container = { name: id, image: `registry.lab.local/${id}:stable` };
  const crashing = id === 'jellyfin';
  kube.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id, namespace, labels, uid: `${id}-deployment` },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
    status: {
      replicas: 1,
      readyReplicas: crashing ? 0 : 1,
      availableReplicas: crashing ? 0 : 1,
    },
  });
  const owner = (kind: string, name: string) => [
    {
      apiVersion: 'apps/v1',
      kind,
      name,
      uid: `${id}-${kind.toLowerCase()}`,
      controller: true,
    },
  ];
  kube.put({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${id}-7d4b9c6f5`,
      namespace,
      labels,
      uid: `${id}-replicaset`,
      ownerReferences: owner('Deployment', id),
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels }, spec: { containers: [container] } },
    },
    status: { replicas: 1, readyReplicas: crashing ? 0 : 1 },
  });
  kube.put({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${id}-7d4b9c6f5-x2x8q`,
      namespace,
      labels,
      ownerReferences: owner('ReplicaSet', `${id}-7d4b9c6f5`),
    },
    spec: { containers: [container], nodeName: 'sff-1' },
    status: {
      phase: 'Running',
      startTime: '2026-11-20T08:00:00Z',
      conditions: [{ type: 'Ready', status: crashing ? 'False' : 'True' }],
      containerStatuses: [
        {
          name: id,
          image: container.image,
          imageID: `${container.image}@sha256:0`,
          ready: !crashing,
          restartCount: crashing ? 14 : 0,
          state: crashing
            ? {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: 'back-off 5m0s restarting failed container',
                },
              }
            : { running: { startedAt: '2026-11-20T08:00:00Z' } },
        },
      ],
    },
  });
  kube.put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: id, namespace, labels },
    spec: { type: 'ClusterIP', selector: { app: id }, ports: [{ port: 80 }] },
  });
}

kube.start(port).then(url => {
  // playwright waits for this URL to answer
  console.log(`fake Kubernetes API on ${url}`);
});
process.on('SIGTERM', () => kube.stop().then(() => process.exit(0)));
