// Browser tests: a Kubernetes API server for the cluster view (no cluster
// runs here), reached by the second backend of playwright.config.ts through
// the Kubernetes plugin (e2e/app-config.cluster.yaml). It knows the real
// Kratix and Velero CRDs from the shared fixtures, and holds one Node per
// compute node of catalog/ (sff-3 cordoned), the services' namespaces and
// workloads spread over the nodes with their requests, and metrics.k8s.io's
// pod metrics, each checked against Kubernetes' own schema (metrics-server's
// types for the metrics).
import '@homelab-portal/test-utils/fixtures';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  FakeKubeApi,
  seedCatalog,
  seedCluster,
} from '@homelab-portal/test-utils';

const port = Number(process.env.E2E_KUBE_PORT ?? 7093);
const fixtures = join(__dirname, '../../shared/fixtures');
const crds = ['kratix/crds', 'velero/crds'].flatMap(dir =>
  readdirSync(join(fixtures, dir))
    .filter(file => file.endsWith('.yaml'))
    .map(file => parse(readFileSync(join(fixtures, dir, file), 'utf8'))),
);
const kube = new FakeKubeApi(crds, 'e2e-kube-token');

// The seed cluster (plugins/homelab/homelab-node seedCluster): one Node per compute
// node (allocatable from the catalog's reserved), each service's workload on
// its node with requests, and metrics.k8s.io PodMetrics for the running pods.
seedCluster(kube, seedCatalog());

kube.start(port).then(url => {
  // playwright waits for this URL to answer
  console.log(`fake Kubernetes API on ${url}`);
});
process.on('SIGTERM', () => kube.stop().then(() => process.exit(0)));
