import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { CapacityPage } from './CapacityPage';

const node = (name: string, cores: number, reservedCores: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: {
    type: 'compute-node',
    owner: 'admins',
    hardware: {
      model: 'M700',
      cores,
      memoryGiB: 32,
      storage: [{ name: 'nvme0n1', sizeGB: 1000 }],
    },
    capacity: {
      reserved: { cores: reservedCores, memoryGiB: 4, storageGB: 100 },
    },
  },
});

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'homelab-cluster', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'admins' },
};

const kubeNode = (
  name: string,
  cpu: string,
  memory: string,
  cordoned = false,
) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: cordoned ? { unschedulable: true } : {},
  status: {
    allocatable: { cpu, memory },
    conditions: [{ type: 'Ready', status: 'True' }],
  },
});
const kubePod = (
  name: string,
  nodeName: string,
  cpu: string,
  memory: string,
  owner?: string,
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'apps',
    ownerReferences: owner ? [{ kind: owner, name: 'x' }] : [],
  },
  spec: {
    nodeName,
    containers: [{ name: 'main', resources: { requests: { cpu, memory } } }],
  },
  status: { phase: 'Running' },
});

/**
 * The Kubernetes plugin's routes: its clusters, and the proxy to one whose
 * API server pages its lists (limit, continue) as the real one does.
 */
function kubernetes(options: {
  clusters: string[];
  nodes?: object[];
  pods?: object[];
  proxyStatus?: number;
}) {
  const urls: string[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  const list = (kind: string, items: object[], url: URL) => {
    const limit = Number(url.searchParams.get('limit'));
    const start = Number(url.searchParams.get('continue') ?? 0);
    const next = start + limit < items.length ? String(start + limit) : '';
    return json({
      kind,
      metadata: next ? { continue: next } : {},
      items: items.slice(start, start + limit),
    });
  };
  const fetch = async (input: RequestInfo | URL) => {
    urls.push(String(input));
    const url = new URL(String(input));
    if (url.pathname.endsWith('/clusters')) {
      return json({ items: options.clusters.map(name => ({ name })) });
    }
    if (options.proxyStatus) {
      return json({ error: { message: 'refused' } }, options.proxyStatus);
    }
    if (url.pathname.endsWith('/proxy/api/v1/nodes')) {
      return list('NodeList', options.nodes ?? [], url);
    }
    if (url.pathname.endsWith('/proxy/api/v1/pods')) {
      return list('PodList', options.pods ?? [], url);
    }
    return json({ kind: 'Status', code: 404, reason: 'NotFound' }, 404);
  };
  return { fetch, urls };
}

const routes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

async function renderPage(
  entities: Entity[],
  kube: { fetch: typeof fetch } = kubernetes({
    clusters: [],
  }),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://backend/api/${id}` },
        ],
        [fetchApiRef, { fetch: kube.fetch }],
      ]}
    >
      <CapacityPage />
    </TestApiProvider>,
    routes,
  );
}

describe('CapacityPage', () => {
  it('shows the total and each node', async () => {
    await renderPage([node('sff-1', 4, 2), node('sff-2', 4, 1)]);
    const total = await screen.findByText('Current capacity (2 nodes)');
    const table = total.closest('[class*="MuiPaper-root"]') as HTMLElement;
    const cpu = within(table).getByText('CPU').closest('tr') as HTMLElement;
    expect(
      within(cpu)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['CPU', '8 cores', '3 cores', '5 cores']);
    expect(screen.getByText('sff-1')).toBeInTheDocument();
    expect(screen.getByText('sff-2')).toBeInTheDocument();
  });

  it('says so when the catalog has no compute nodes', async () => {
    await renderPage([]);
    expect(
      await screen.findByText('No compute nodes in the catalog'),
    ).toBeInTheDocument();
  });

  it('shows the error when the catalog fails', async () => {
    const failing = catalogApiMock.mock({
      getEntities: async () => {
        throw new Error('catalog is down');
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, failing]]}>
        <CapacityPage />
      </TestApiProvider>,
      routes,
    );
    expect(
      await screen.findByText('Error: catalog is down'),
    ).toBeInTheDocument();
  });

  describe('live placement', () => {
    const entities = [
      node('sff-1', 4, 2),
      node('sff-2', 4, 1),
      node('sff-3', 4, 1),
      cluster,
    ];
    // 1200 pods: the page follows the API server's continue tokens
    const filler = Array.from({ length: 1200 }, (_, i) =>
      kubePod(`filler-${i}`, 'sff-3', '0', '0'),
    );

    it('shows requested CPU and memory against allocatable per node, and warns where losing a node would overcommit the rest', async () => {
      const kube = kubernetes({
        clusters: ['homelab-cluster'],
        nodes: [
          kubeNode('sff-1', '2', '26Gi'),
          kubeNode('sff-2', '3', '27Gi'),
          kubeNode('sff-3', '3', '27Gi', true),
        ],
        pods: [
          // planted: sff-1 asks for more than sff-2 has free (sff-3 is cordoned)
          kubePod('big-0', 'sff-1', '1500m', '4Gi'),
          kubePod('agent-1', 'sff-1', '100m', '128Mi', 'DaemonSet'),
          kubePod('web-0', 'sff-2', '2', '8Gi'),
          ...filler,
        ],
      });
      await renderPage(entities, kube);
      const loss = await screen.findByTestId('node-loss');
      const lines = within(loss)
        .getAllByText(/^Losing /)
        .map(e => e.closest('div')!.textContent);
      expect(lines).toEqual([
        'Losing sff-1 would overcommit the rest (CPU): its pods request 1.50 cores and 4.0 GiB; the Ready, uncordoned nodes left (sff-2) have 1.00 core and 19.0 GiB free.',
        'Losing sff-2 would overcommit the rest (CPU): its pods request 2.00 cores and 8.0 GiB; the Ready, uncordoned nodes left (sff-1) have 0.40 cores and 21.9 GiB free.',
        'Losing sff-3 moves no pods.',
      ]);
      const table = screen
        .getByText('Requested and used, per node')
        .closest('[class*="MuiPaper-root"]') as HTMLElement;
      const sff1 = within(table).getByText('sff-1').closest('tr')!;
      expect(
        within(sff1)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ).toEqual([
        'sff-1',
        'Ready',
        '2',
        '1.60 cores requested (80%)used: no data · 2.00 cores allocatable',
        '4.1 GiB requested (16%)used: no data · 26.0 GiB allocatable',
      ]);
      const sff3 = within(table).getByText('sff-3').closest('tr')!;
      expect(within(sff3).getAllByRole('cell')[1]).toHaveTextContent(
        'Ready, cordoned',
      );
      expect(within(sff3).getAllByRole('cell')[2]).toHaveTextContent('1200');
      expect(
        screen.getByText(
          /used from nowhere: the cluster serves no metrics\.k8s\.io/,
        ),
      ).toBeInTheDocument();
      // the seed's model is still there beside it
      expect(
        screen.getByText('Current capacity (3 nodes)'),
      ).toBeInTheDocument();
      expect(kube.urls.filter(u => u.includes('/proxy/api/v1/pods'))).toEqual([
        'http://backend/api/kubernetes/proxy/api/v1/pods?limit=500',
        'http://backend/api/kubernetes/proxy/api/v1/pods?limit=500&continue=500',
        'http://backend/api/kubernetes/proxy/api/v1/pods?limit=500&continue=1000',
      ]);
    });

    it('says all is well when every node could be lost', async () => {
      const kube = kubernetes({
        clusters: ['homelab-cluster'],
        nodes: [kubeNode('sff-1', '2', '26Gi'), kubeNode('sff-2', '3', '27Gi')],
        pods: [kubePod('small-0', 'sff-1', '500m', '1Gi')],
      });
      await renderPage(entities, kube);
      const loss = await screen.findByTestId('node-loss');
      expect(loss).toHaveTextContent(
        'Losing sff-1 leaves room: its pods request 0.50 cores and 1.0 GiB; the Ready, uncordoned nodes left (sff-2) have 3.00 cores and 27.0 GiB free.',
      );
      expect(screen.queryByText(/would overcommit/)).toBeNull();
    });

    it('says what to configure when the Kubernetes plugin has no such cluster', async () => {
      await renderPage(entities);
      expect(
        await screen.findByText(
          /The Kubernetes plugin has no cluster named homelab-cluster \(kubernetes\.clusterLocatorMethods\)/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText('Current capacity (3 nodes)'),
      ).toBeInTheDocument();
    });

    it('says so when the proxy is not allowed, and shows an upstream failure as an error', async () => {
      await renderPage(
        entities,
        kubernetes({ clusters: ['homelab-cluster'], proxyStatus: 403 }),
      );
      expect(
        await screen.findByText(/needs the kubernetes\.proxy permission/),
      ).toBeInTheDocument();
    });

    it('shows an upstream failure as an error, with the seed model still there', async () => {
      await renderPage(
        entities,
        kubernetes({ clusters: ['homelab-cluster'], proxyStatus: 502 }),
      );
      // the error panel shows the message (and, in development, its stack)
      const [message] = await screen.findAllByText(
        /The Kubernetes plugin answered 502 for the cluster homelab-cluster: refused/,
      );
      expect(message).toBeInTheDocument();
      expect(
        screen.getByText('Current capacity (3 nodes)'),
      ).toBeInTheDocument();
    });
  });
});
