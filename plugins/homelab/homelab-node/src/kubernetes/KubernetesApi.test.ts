import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { FakeKubeApi } from '@homelab-portal/test-utils';
import { KubernetesApi, readKubernetesClusters } from './KubernetesApi';

describe('KubernetesApi with the pod service account', () => {
  const kube = new FakeKubeApi([], 'token-1');
  const dir = mkdtempSync(join(tmpdir(), 'sa-token-'));
  const tokenFile = join(dir, 'token');
  let url: string;

  beforeAll(async () => {
    url = await kube.start();
  });
  afterAll(async () => {
    await kube.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const clusters = () =>
    readKubernetesClusters(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'homelab', url, authProvider: 'serviceAccount' },
              ],
            },
          ],
        },
      }),
      { serviceAccountTokenFile: tokenFile },
    );

  it('reads the token file again after the kubelet rotates it', async () => {
    writeFileSync(tokenFile, 'token-1\n');
    const [cluster] = clusters();
    const api = new KubernetesApi({ timeoutMs: 5000 });
    await expect(api.get(cluster, '/api/v1/namespaces')).resolves.toMatchObject(
      { status: 200 },
    );

    // The kubelet writes a new token and the old one stops being accepted.
    kube.token = 'token-2';
    writeFileSync(tokenFile, 'token-2\n');
    await expect(api.get(cluster, '/api/v1/namespaces')).resolves.toMatchObject(
      { status: 200 },
    );
  });

  it('never keeps the token in the cluster it returns', () => {
    writeFileSync(tokenFile, 'token-3\n');
    const [cluster] = clusters();
    expect(cluster.serviceAccountToken).toBeUndefined();
    expect(JSON.stringify(cluster)).not.toContain('token-3');
  });

  it('says clearly when the token cannot be read, without a path to guess', async () => {
    const [cluster] = readKubernetesClusters(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'homelab', url, authProvider: 'serviceAccount' },
              ],
            },
          ],
        },
      }),
      { serviceAccountTokenFile: join(dir, 'missing') },
    );
    await expect(
      new KubernetesApi({ timeoutMs: 5000 }).get(cluster, '/api/v1/namespaces'),
    ).rejects.toThrow(
      'Kubernetes (homelab): the service-account token cannot be read (ENOENT)',
    );
  });
});
