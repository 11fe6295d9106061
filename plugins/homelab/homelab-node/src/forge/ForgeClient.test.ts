import { ConfigReader } from '@backstage/config';
import { ForgeClient } from './ForgeClient';

const config = new ConfigReader({
  integrations: {
    gitea: [
      {
        host: 'git.lab.local',
        baseUrl: 'https://git.lab.local/forge',
        password: 'gitea-token',
      },
    ],
    github: [{ host: 'github.example.com', token: 'github-token' }],
    gitlab: [
      {
        host: 'gitlab.lab.local',
        apiBaseUrl: 'https://gitlab.lab.local/api/v4',
        token: 'gitlab-token',
      },
    ],
  },
});
const forge = ForgeClient.fromConfig(config, { timeoutMs: 1000 });

describe('ForgeClient.locate', () => {
  it.each([
    [
      'https://git.lab.local/forge/homelab/gitops/pulls/3',
      'https://git.lab.local/forge/api/v1/repos/homelab/gitops/pulls/3',
    ],
    [
      'https://github.example.com/home-lab/git_ops.v2/pull/12',
      'https://api.github.com/repos/home-lab/git_ops.v2/pulls/12',
    ],
    [
      'https://gitlab.lab.local/infra/platform/gitops/-/merge_requests/7',
      'https://gitlab.lab.local/api/v4/projects/infra%2Fplatform%2Fgitops/merge_requests/7',
    ],
  ])('follows %s through its API', (url, api) => {
    expect(forge.locate(url).api).toBe(api);
  });

  it.each([
    // Gitea
    'https://git.lab.local/forge/homelab/gitops/pulls/3/../../../admin/users/1',
    'https://git.lab.local/forge/homelab/../admin/pulls/3',
    'https://git.lab.local/forge/homelab/%2e%2e/pulls/3',
    'https://git.lab.local/forge/homelab/%2E%2E/pulls/3',
    'https://git.lab.local/forge/homelab/gitops%2fx/pulls/3',
    'https://git.lab.local/forge/homelab\\..\\gitops/pulls/3',
    'https://git.lab.local/forge/homelab\\gitops/pulls/3',
    'https://git.lab.local/forge/homelab/gitops/pulls/3/files',
    'https://git.lab.local/forge/homelab/gitops/pulls/3?x=1',
    'https://git.lab.local/forge/homelab/gitops/pulls/3#x',
    'https://git.lab.local/forge/homelab/gitops/pulls/03',
    'https://git.lab.local/forge/homelab/gitops/pulls/-3',
    'https://git.lab.local/forge/homelab/gitops/pulls/99999999999',
    'https://git.lab.local/forge/homelab//gitops/pulls/3',
    'https://git.lab.local/forge/-homelab/gitops/pulls/3',
    'https://git.lab.local/forge/homelab/./pulls/3',
    'https://git.lab.local/homelab/gitops/pulls/3',
    'https://user:pw@git.lab.local/forge/homelab/gitops/pulls/3',
    'http://git.lab.local/forge/homelab/gitops/pulls/3',
    'https://git.lab.local/forge/homelab/gitops/issues/3',
    'https://git.lab.local/forge/homelab/git ops/pulls/3',
    'https://git.lab.local/forge/homelab/gitops/pulls/3\n',
    // GitHub
    'https://github.example.com/a/../b/pull/1',
    'https://github.example.com/a/%2e%2e/pull/1',
    'https://github.example.com/a\\b/pull/1',
    'https://github.example.com/a/b/pulls/1',
    'https://github.example.com/a/b/pull/1/files',
    'https://github.example.com/a/b/c/pull/1',
    // GitLab
    'https://gitlab.lab.local/infra/../gitops/-/merge_requests/7',
    'https://gitlab.lab.local/infra/%2e%2e/gitops/-/merge_requests/7',
    'https://gitlab.lab.local/infra\\gitops/-/merge_requests/7',
    'https://gitlab.lab.local/gitops/-/merge_requests/7',
    'https://gitlab.lab.local/infra/gitops/merge_requests/7',
    'https://gitlab.lab.local/infra/gitops/-/merge_requests/7/diffs',
  ])('refuses %j', url => {
    expect(() => forge.locate(url)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });

  it('follows only the forges configured, not the default github.com', () => {
    expect(() => forge.locate('https://github.com/a/b/pull/1')).toThrow(
      /no integration serves github\.com/,
    );
    expect(() => forge.locate('https://evil.example/a/b/pulls/1')).toThrow(
      /no integration serves evil\.example/,
    );
  });

  it('never repeats a long URL whole in its error', () => {
    const url = `https://git.lab.local/forge/${'a'.repeat(5000)}/b/pulls/1`;
    expect(() => forge.locate(url)).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('a'.repeat(300)),
      }),
    );
  });

  it('takes an integration without a host as github.com, as Backstage does', () => {
    const client = ForgeClient.fromConfig(
      new ConfigReader({ integrations: { github: [{ token: 't' }] } }),
      { timeoutMs: 1000 },
    );
    expect(client.locate('https://github.com/a/b/pull/1').api).toBe(
      'https://api.github.com/repos/a/b/pulls/1',
    );
  });
});
