/* eslint-disable @backstage/no-mixed-plugin-imports -- the NAS's capacity is read through the energy plugin's API ref (its backend holds the Prometheus reader and the demo source), rather than a second client */
/* eslint-disable no-script-url */ // A script URL is this test's bad input.
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { energyApiRef } from '@homelab-portal/plugin-energy';
import { screen, within } from '@testing-library/react';
import { HardwareCard } from './HardwareCard';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'homelab-cluster',
    namespace: 'default',
    title: 'Homelab Kubernetes cluster',
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/admins' },
  relations: [
    { type: 'hosts', targetRef: 'component:default/jellyfin' },
    { type: 'hosts', targetRef: 'component:default/grafana' },
  ],
};

const jellyfin: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'jellyfin',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'jellyfin',
      'backstage.io/kubernetes-namespace': 'jellyfin',
    },
  },
  spec: { type: 'service', owner: 'group:default/admins' },
};

const clusterNode: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'sff-1', namespace: 'default' },
  spec: {
    type: 'compute-node',
    owner: 'group:default/admins',
    hardware: { cores: 4, memoryGiB: 32 },
  },
  relations: [
    { type: 'dependencyOf', targetRef: 'resource:default/homelab-cluster' },
  ],
};

const pod = (
  namespace: string,
  name: string,
  nodeName: string,
  requests: Record<string, string>,
) => ({
  metadata: { name, namespace },
  spec: {
    nodeName,
    containers: [{ name: 'main', resources: { requests } }],
  },
  status: {
    phase: 'Running',
    containerStatuses: [
      name.startsWith('jellyfin')
        ? {
            ready: false,
            restartCount: 14,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          }
        : { ready: true, restartCount: 0, state: {} },
    ],
  },
});

/** The Kubernetes backend's routes, as the fetch API sees them. */
function kubernetesFetch(
  clusters: string[],
  options: { metrics?: number; node?: boolean } = {},
) {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push({
      url,
      headers: (init?.headers ?? {}) as Record<string, string>,
    });
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    if (url.endsWith('/clusters')) {
      return json({ items: clusters.map(name => ({ name })) });
    }
    if (url.includes('/proxy/api/v1/pods')) {
      // an API server that ignores the field selector: the card filters too
      return json({
        kind: 'PodList',
        metadata: {},
        items: [
          pod('jellyfin', 'jellyfin-7d4b9c6f5-x2x8q', 'sff-1', {
            cpu: '500m',
            memory: '2Gi',
          }),
          pod('kube-system', 'coredns-5d78c9869d-abcde', 'sff-1', {
            cpu: '100m',
            memory: '70Mi',
          }),
          pod('monitoring', 'grafana-5c8d7f-xyzab', 'sff-2', {
            cpu: '1',
            memory: '1Gi',
          }),
        ],
      });
    }
    if (url.includes('/proxy/api/v1/nodes/sff-1') && options.node !== false) {
      return json({
        kind: 'Node',
        apiVersion: 'v1',
        metadata: { name: 'sff-1' },
        spec: { unschedulable: true },
        status: {
          allocatable: { cpu: '2', memory: '26Gi' },
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      });
    }
    if (url.includes('/proxy/apis/metrics.k8s.io/v1beta1/pods')) {
      if (options.metrics) {
        return json(
          { kind: 'Status', status: 'Failure', code: options.metrics },
          options.metrics,
        );
      }
      // the crash-looping Jellyfin has no metrics
      return json({
        kind: 'PodMetricsList',
        apiVersion: 'metrics.k8s.io/v1beta1',
        metadata: {},
        items: [
          {
            metadata: {
              name: 'coredns-5d78c9869d-abcde',
              namespace: 'kube-system',
            },
            timestamp: '2026-12-01T10:00:00Z',
            window: '30s',
            containers: [
              { name: 'main', usage: { cpu: '40m', memory: '20Mi' } },
            ],
          },
        ],
      });
    }
    return json(
      { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 },
      404,
    );
  });
  return { fetch, calls };
}

async function renderWith(
  entity: Entity,
  apis: { fetch?: any; energy?: any } = {},
) {
  const fetchApi = apis.fetch ?? kubernetesFetch([]).fetch;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: [cluster, jellyfin] })],
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://backend/api/${id}` },
        ],
        [fetchApiRef, { fetch: fetchApi }],
        ...(apis.energy ? [[energyApiRef, apis.energy] as const] : []),
      ]}
    >
      <EntityProvider entity={entity}>
        <HardwareCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const node: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'sff-1' },
  spec: {
    type: 'compute-node',
    owner: 'group:default/admins',
    hardware: {
      model: 'Lenovo ThinkCentre M700 SFF',
      cpu: 'Intel Core i5-6600T',
      cores: 4,
      memoryGiB: 32,
      storage: [{ name: 'nvme0n1', sizeGB: 1000, media: 'nvme' }],
      interfaces: [
        {
          name: 'eno1',
          mac: '6c:4b:90:1a:2b:01',
          vlan: 'vlan-20-server-lab',
          address: '10.0.20.11',
        },
      ],
      managementUrl: 'javascript:alert(1)',
    },
    capacity: { reserved: { cores: 2, memoryGiB: 6, storageGB: 200 } },
  },
  relations: [{ type: 'hosts', targetRef: 'component:default/jellyfin' }],
};

describe('HardwareCard', () => {
  it('shows specs, VLAN attachments, capacity and hosted workloads', async () => {
    await renderWith(node);
    expect(screen.getByText('Lenovo ThinkCentre M700 SFF')).toBeInTheDocument();
    expect(screen.getByText('nvme0n1: 1000 GB nvme')).toBeInTheDocument();
    expect(screen.getByText('6c:4b:90:1a:2b:01')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /vlan-20-server-lab/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/vlan-20-server-lab');
    expect(
      screen.getByText('4 cores total, 2 cores reserved, 2 cores available'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Pinned to this node in the catalog/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /jellyfin/ })).toBeInTheDocument();
    // An unsafe management URL is never made a link.
    expect(screen.queryByText(/Management/)).not.toBeInTheDocument();
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('lists the pods on a node with their requests and usage against its allocatable, read through the Kubernetes plugin where its cluster is configured', async () => {
    const { fetch, calls } = kubernetesFetch(['homelab-cluster']);
    await renderWith(clusterNode, { fetch });
    const table = await screen.findByRole('table', {
      name: 'Pods on this node',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      'jellyfinjellyfin/jellyfin-7d4b9c6f5-x2x8qCrashLoopBackOff, 14 restarts0.50 cores / no data2.0 GiB / no data',
      'not in the catalogkube-system/coredns-5d78c9869d-abcdeRunning0.10 cores / 0.04 cores70 MiB / 20 MiB',
    ]);
    const resources = screen.getByTestId('node-resources');
    expect(resources).toHaveTextContent(
      'Cordoned: its pods stay, but no new pod is scheduled here.',
    );
    expect(resources).toHaveTextContent(
      'CPU: 0.60 cores requested of 2.00 cores allocatable (30%), 0.04 cores used by the 1 of 2 pods with metrics',
    );
    expect(resources).toHaveTextContent(
      'Memory: 2.1 GiB requested of 26.0 GiB allocatable (8%), 20 MiB used by the 1 of 2 pods with metrics',
    );
    expect(
      screen.getByText(
        /2 pods, read from the cluster homelab-cluster .* Used: metrics\.k8s\.io, averaged over 30s at \d\d:\d\d\./,
      ),
    ).toBeInTheDocument();
    const proxied = calls.filter(c => c.url.includes('/proxy/'));
    expect(proxied.map(c => c.url).sort()).toEqual([
      'http://backend/api/kubernetes/proxy/api/v1/nodes/sff-1',
      'http://backend/api/kubernetes/proxy/api/v1/pods?fieldSelector=spec.nodeName%3Dsff-1&limit=500',
      'http://backend/api/kubernetes/proxy/apis/metrics.k8s.io/v1beta1/pods?limit=500',
    ]);
    for (const call of proxied) {
      expect(call.headers['Backstage-Kubernetes-Cluster']).toBe(
        'homelab-cluster',
      );
    }
    expect(screen.queryByText(/None recorded/)).toBeNull();
  });

  it('says used is unknown, not zero, without metrics-server, and that the cluster has no such node', async () => {
    const { fetch } = kubernetesFetch(['homelab-cluster'], {
      metrics: 404,
      node: false,
    });
    await renderWith(clusterNode, { fetch });
    expect(
      await screen.findByText(
        'The cluster homelab-cluster has no node named sff-1: its allocatable CPU and memory are not known.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Used: no data \(the cluster serves no metrics\.k8s\.io \(no metrics-server\)\)\./,
      ),
    ).toBeInTheDocument();
  });

  it('says plainly when no cluster is configured, and shows the catalog’s relations instead', async () => {
    await renderWith(clusterNode);
    expect(
      await screen.findByTestId('node-workloads-cluster'),
    ).toHaveTextContent(
      'Runs on the cluster Homelab Kubernetes cluster: its 2 services run on the cluster as a whole',
    );
    expect(
      screen.getByText(
        /has no cluster named homelab-cluster .* Configure kubernetes to see placement\./,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /grafana/ })).toBeInTheDocument();
    expect(screen.queryByText(/None recorded/)).toBeNull();
  });

  it('shows a NAS’s used and total capacity with units, the time it was read and its source', async () => {
    const nas: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'nas-1',
        namespace: 'default',
        annotations: { 'homelab-portal.io/filesystem-labels': 'node=nas' },
      },
      spec: {
        type: 'nas',
        owner: 'group:default/admins',
        hardware: { cores: 4, memoryGiB: 8 },
      },
    };
    const energy = {
      getStorage: jest.fn(async (entityRef: string) => ({
        entityRef,
        source: 'demo',
        at: '2026-11-25T18:00:00.000Z',
        labels: { node: 'nas' },
        filesystems: [
          {
            mountpoint: '/volume1',
            fstype: 'btrfs',
            device: '/dev/md2',
            sizeBytes: 23_003_000_000_000,
            availBytes: 1_978_258_000_000,
            usedBytes: 21_024_742_000_000,
          },
        ],
        warnings: [],
      })),
    };
    await renderWith(nas, { energy });
    const volume = await screen.findByTestId('storage-filesystem');
    expect(volume).toHaveTextContent(
      '/volume1 (btrfs): 21.0 TB used of 23.0 TB (91% full, 2.0 TB free)',
    );
    expect(screen.getByTestId('storage-read-at')).toHaveTextContent(
      /Read at 25 Nov, \d\d:\d\d, from the demo source/,
    );
    expect(screen.getByText('Demo data')).toBeInTheDocument();
    expect(energy.getStorage).toHaveBeenCalledWith('resource:default/nas-1');
  });

  it('says what to configure for a NAS with no filesystem labels', async () => {
    await renderWith({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'nas-2', namespace: 'default' },
      spec: { type: 'nas', owner: 'group:default/admins', hardware: {} },
    });
    expect(
      screen.getByText(
        /No usage figure: give this device a homelab-portal.io\/filesystem-labels/,
      ),
    ).toBeInTheDocument();
  });
});
