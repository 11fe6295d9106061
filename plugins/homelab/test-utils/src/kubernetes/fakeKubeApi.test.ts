import '../fixtures';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FakeKubeApi } from './fakeKubeApi';

// Kratix's own CRDs, from the fixtures (never modified).
const CRDS = join(__dirname, '../../../../../../shared/fixtures/kratix/crds');

const node = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: {
    capacity: { cpu: '4', memory: '32Gi' },
    nodeInfo: {
      architecture: 'amd64',
      bootID: 'b',
      containerRuntimeVersion: 'containerd://1.7.0',
      kernelVersion: '6.5.0',
      kubeProxyVersion: 'v1.29.0',
      kubeletVersion: 'v1.29.0',
      machineID: 'm',
      operatingSystem: 'linux',
      osImage: 'Fedora CoreOS',
      systemUUID: 'u',
    },
  },
});

describe('FakeKubeApi', () => {
  const crds = readdirSync(CRDS)
    .filter(f => f.endsWith('.yaml'))
    .map(f => parse(readFileSync(join(CRDS, f), 'utf8')));
  const kube = new FakeKubeApi(crds, 'token');
  let url: string;
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, {
      headers: { authorization: 'Bearer token' },
    });
    return { status: res.status, body: await res.json() };
  };
  beforeAll(async () => {
    url = await kube.start();
  });
  afterAll(() => kube.stop());

  it('serves core Nodes, checked against Kubernetes schema', async () => {
    kube.put(node('sff-1'));
    kube.put(node('sff-2'));
    expect(() =>
      kube.put({ ...node('sff-3'), spec: { unschedulable: 'yes' } }),
    ).toThrow(/not a valid Node/);

    const list = await get('/api/v1/nodes?limit=500');
    expect(list.body).toMatchObject({ apiVersion: 'v1', kind: 'NodeList' });
    expect(list.body.items.map((n: any) => n.metadata.name)).toEqual([
      'sff-1',
      'sff-2',
    ]);
    expect((await get('/api/v1/nodes/sff-2')).body.metadata.name).toBe('sff-2');
    const missing = await get('/api/v1/nodes/sff-9');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      message: 'nodes "sff-9" not found',
    });
    // a cluster-scoped kind has no namespaced path
    expect((await get('/api/v1/namespaces/x/nodes/sff-1')).status).toBe(404);
  });

  it('lists namespaced kinds across namespaces or in one, by label selector', async () => {
    const pod = (namespace: string, name: string, app: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        labels: { 'backstage.io/kubernetes-id': app },
      },
      spec: { containers: [{ name: app, image: `${app}:1` }] },
    });
    kube.put(pod('media', 'jellyfin-1', 'jellyfin'));
    kube.put(pod('media', 'kiwix-1', 'kiwix'));
    kube.put(pod('other', 'jellyfin-2', 'jellyfin'));
    expect(() => kube.put({ ...pod('media', 'bad', 'bad'), spec: {} })).toThrow(
      /not a valid Pod/,
    );

    const names = async (path: string) =>
      (await get(path)).body.items.map((p: any) => p.metadata.name);
    expect(
      await names(
        '/api/v1/pods?labelSelector=backstage.io/kubernetes-id=jellyfin',
      ),
    ).toEqual(['jellyfin-1', 'jellyfin-2']);
    expect(
      await names(
        '/api/v1/namespaces/media/pods?labelSelector=backstage.io%2Fkubernetes-id%3Djellyfin',
      ),
    ).toEqual(['jellyfin-1']);
    expect(
      await names(
        '/api/v1/pods?labelSelector=backstage.io/kubernetes-id!=jellyfin',
      ),
    ).toEqual(['kiwix-1']);
    expect(
      await names('/api/v1/pods?labelSelector=!backstage.io/kubernetes-id'),
    ).toEqual([]);
    expect(await names('/apis/apps/v1/deployments')).toEqual([]);
  });

  it('lists the groups it serves in API discovery', async () => {
    const { body } = await get('/apis');
    expect(body.kind).toBe('APIGroupList');
    const groups = body.groups.map((g: any) => g.name);
    expect(groups).toContain('platform.kratix.io');
    expect(groups).toContain('apps');
    expect(groups).not.toContain('');
    expect((await get('/api')).body.versions).toEqual(['v1']);
  });

  it('asks for the token', async () => {
    const res = await fetch(`${url}/api/v1/nodes`);
    expect(res.status).toBe(401);
  });
});
