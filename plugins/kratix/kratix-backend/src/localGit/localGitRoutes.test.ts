import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { LocalGitRepository } from '@homelab-portal/plugin-homelab-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { kratixPlugin } from '../plugin';

async function startBackend(localForge?: { directory: string }) {
  const { server } = await startTestBackend({
    features: [
      kratixPlugin,
      // a request without a token is refused, as in the real backend
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({ entities: [] }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          ...(localForge
            ? {
                homelab: {
                  localForge: {
                    host: 'git.lab.local',
                    directory: localForge.directory,
                  },
                },
              }
            : {}),
        },
      }),
    ],
  });
  return server;
}

describe("the local Git repository's read-only view", () => {
  let root: string;
  let server: any;
  let sha: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-routes-'));
    const directory = path.join(root, 'gitops');
    const repository = await LocalGitRepository.open(directory);
    ({ sha } = await repository.propose({
      branch: 'request/redis-cache',
      message: 'Request redis cache',
      files: [
        {
          path: 'platform/requests/redis-cache.yaml',
          content: Buffer.from('kind: Redis\n'),
        },
      ],
    }));
    // a file outside the repository, which no path may reach
    fs.writeFileSync(path.join(root, 'secret.txt'), 'not for you');
    server = await startBackend({ directory });
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const user = mockCredentials.user.header();

  it('shows a commit and a file of it to a signed-in user', async () => {
    const commit = await request(server)
      .get(`/api/kratix/local-git/commits/${sha}`)
      .set('Authorization', user);
    expect(commit.status).toBe(200);
    expect(commit.body).toEqual(
      expect.objectContaining({
        sha,
        message: 'Request redis cache',
        files: ['platform/requests/redis-cache.yaml'],
      }),
    );
    const file = await request(server)
      .get(`/api/kratix/local-git/commits/${sha}/file`)
      .query({ path: 'platform/requests/redis-cache.yaml' })
      .set('Authorization', user);
    expect(file.status).toBe(200);
    expect(file.body).toEqual({
      sha,
      path: 'platform/requests/redis-cache.yaml',
      content: 'kind: Redis\n',
    });
  });

  it('refuses anyone not signed in', async () => {
    for (const url of [
      `/api/kratix/local-git/commits/${sha}`,
      `/api/kratix/local-git/commits/${sha}/file?path=README.md`,
    ]) {
      const res = await request(server).get(url);
      expect(res.status).toBe(401);
    }
    const service = await request(server)
      .get(`/api/kratix/local-git/commits/${sha}`)
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
  });

  it.each([
    ['../secret.txt', /must not contain empty, "\." or "\.\." segments/],
    ['platform/../../secret.txt', /"\.\." segments/],
    ['/etc/passwd', /relative/],
    ['.git/config', /inside \.git/],
    ['.GIT/HEAD', /inside \.git/],
    ['platform', /not a file/],
    ['nothing.yaml', /No file/],
  ])('refuses the path %j with a clear error', async (file, message) => {
    const res = await request(server)
      .get(`/api/kratix/local-git/commits/${sha}/file`)
      .query({ path: file })
      .set('Authorization', user);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain('not for you');
  });

  it('refuses what is not a commit id, and a missing path', async () => {
    for (const [url, status] of [
      ['/api/kratix/local-git/commits/HEAD', 400],
      ['/api/kratix/local-git/commits/main/file?path=README.md', 400],
      [`/api/kratix/local-git/commits/${'0'.repeat(40)}`, 404],
      [`/api/kratix/local-git/commits/${sha}/file`, 400],
    ] as const) {
      const res = await request(server).get(url).set('Authorization', user);
      expect({ url, status: res.status }).toEqual({ url, status });
    }
  });
});

describe('without a local Git repository (production)', () => {
  it('says there is none', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(`/api/kratix/local-git/commits/${'a'.repeat(40)}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/homelab.localForge/);
  });
});
