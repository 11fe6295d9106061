import { FakeArgoCd } from './fakeArgoCd';

const application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'grafana', namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: 'https://git.lab.local/homelab/gitops.git' },
    destination: { namespace: 'monitoring' },
  },
  status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } },
};

describe('FakeArgoCd', () => {
  const argocd = new FakeArgoCd('secret');
  let url: string;
  beforeAll(async () => {
    argocd.set(application);
    argocd.revisions.set('abc123', {
      author: 'a',
      date: '2026-11-20T07:58:00Z',
      message: 'm',
    });
    url = await argocd.start();
  });
  afterAll(() => argocd.stop());

  it('refuses an Application that breaks ArgoCD schema', () => {
    expect(() =>
      argocd.set({
        ...application,
        status: { sync: 'Synced' },
      }),
    ).toThrow();
    expect(() =>
      argocd.set({ ...application, spec: { project: 'default' } }),
    ).toThrow(/destination/);
  });

  it('takes the token as ArgoCD does, as a bearer token or the argocd.token cookie', async () => {
    const get = (headers: Record<string, string>) =>
      fetch(`${url}/api/v1/applications/grafana`, { headers });
    expect((await get({})).status).toBe(401);
    expect((await get({ authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get({ authorization: 'Bearer secret' })).status).toBe(200);
    const res = await get({ cookie: 'theme=dark; argocd.token=secret' });
    expect(await res.json()).toMatchObject({ metadata: { name: 'grafana' } });
  });

  it('serves revision metadata, and 404s with ArgoCD error shape', async () => {
    const get = (path: string) =>
      fetch(`${url}/api/v1/applications/${path}`, {
        headers: { authorization: 'Bearer secret' },
      });
    expect(
      await (await get('grafana/revisions/abc123/metadata')).json(),
    ).toEqual({ author: 'a', date: '2026-11-20T07:58:00Z', message: 'm' });
    for (const path of ['grafana/revisions/nope/metadata', 'loki']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 5 });
    }
  });

  it('lists the Applications, as ArgoCD does (items null when there are none)', async () => {
    const list = async (fake: FakeArgoCd, base: string) =>
      (
        await fetch(`${base}/api/v1/applications`, {
          headers: { authorization: `Bearer ${fake.token}` },
        })
      ).json();
    expect((await list(argocd, url)).items).toEqual([
      expect.objectContaining({
        metadata: { name: 'grafana', namespace: 'argocd' },
      }),
    ]);
    const empty = new FakeArgoCd('t');
    const emptyUrl = await empty.start();
    try {
      expect(await list(empty, emptyUrl)).toEqual({
        metadata: {},
        items: null,
      });
    } finally {
      await empty.stop();
    }
  });
});
