import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { FakeGitea, startFakeGitea } from '@homelab-portal/test-utils';
import { createGiteaPullRequestAction } from './giteaPullRequest';

const TOKEN = 'gitea-token-s3cr3t';

// Real git clones and pushes: slow on a busy machine.
jest.setTimeout(60_000);

describe('publish:gitea:pull-request', () => {
  let gitea: FakeGitea;
  const workspace = createMockDirectory();

  beforeEach(async () => {
    gitea = await startFakeGitea({
      owner: 'homelab',
      repo: 'gitops',
      token: TOKEN,
      labels: [
        { id: 7, name: 'self-service' },
        { id: 9, name: 'database' },
      ],
    });
    workspace.clear();
    workspace.setContent({
      'resources/default/postgresql-photos.yaml': 'kind: postgresql\n',
      'skeleton/ignored.txt': 'not published',
    });
  });
  afterEach(() => gitea.close());

  function setup() {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          gitea: [
            {
              host: new URL(gitea.baseUrl).host,
              baseUrl: gitea.baseUrl,
              username: 'portal',
              password: TOKEN,
            },
          ],
        },
      }),
    );
    return createGiteaPullRequestAction({ integrations });
  }

  function context(input: Record<string, unknown>, extra: object = {}) {
    const ctx = createMockActionContext({
      input: {
        repoUrl: `${new URL(gitea.baseUrl).host}?owner=homelab&repo=gitops`,
        branchName: 'request/postgresql-photos',
        title: 'Request PostgreSQL photos',
        description: 'From the portal',
        sourcePath: 'resources',
        targetPath: 'platform/requests',
        ...input,
      } as any,
      workspacePath: workspace.path,
      logger: mockServices.logger.mock(),
    });
    // createMockActionContext does not take these; set them as the task would.
    return Object.assign(ctx, extra);
  }

  it('pushes a branch with real git and opens a pull request with labels and reviewers', async () => {
    const ctx = context({
      labels: ['self-service', 'database'],
      reviewers: ['operator'],
    });
    await setup().handler(ctx);

    expect(gitea.filesOn('request/postgresql-photos')).toEqual({
      'README.md': '# gitops\n',
      'platform/requests/default/postgresql-photos.yaml': 'kind: postgresql\n',
    });
    expect(gitea.filesOn('main')).toEqual({ 'README.md': '# gitops\n' });
    expect(gitea.pulls).toEqual([
      {
        number: 1,
        head: 'request/postgresql-photos',
        base: 'main',
        title: 'Request PostgreSQL photos',
        body: 'From the portal',
        labels: [7, 9],
        reviewers: ['operator'],
        state: 'open',
        merged: false,
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      `${gitea.baseUrl}/homelab/gitops/pulls/1`,
    );
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
    expect(ctx.output).toHaveBeenCalledWith('targetBranchName', 'main');
    expect(ctx.output).toHaveBeenCalledWith(
      'changeTitle',
      `Pull request #1 on ${new URL(gitea.baseUrl).host}`,
    );
  });

  it('does not open a second pull request when a retried task replays its checkpoint', async () => {
    const state = new Map<string, unknown>();
    const checkpoint = jest.fn(async ({ key, fn }: any) => {
      if (!state.has(key)) state.set(key, await fn());
      return state.get(key);
    });
    await setup().handler(context({}, { checkpoint }));
    await setup().handler(context({}, { checkpoint }));
    expect(gitea.pulls).toHaveLength(1);
    expect(gitea.requests.filter(r => r.method === 'POST')).toHaveLength(1);
  });

  it('updates the branch of an open pull request when asked, and refuses otherwise', async () => {
    await setup().handler(context({}));
    workspace.setContent({
      'resources/default/postgresql-photos.yaml':
        'kind: postgresql\nspec: {}\n',
    });

    await expect(setup().handler(context({}))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/#1 is already open.*update: true/),
    });

    const ctx = context({ update: true });
    await setup().handler(ctx);
    expect(gitea.pulls).toHaveLength(1);
    expect(
      gitea.filesOn('request/postgresql-photos')[
        'platform/requests/default/postgresql-photos.yaml'
      ],
    ).toBe('kind: postgresql\nspec: {}\n');
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
  });

  it('changes nothing in a dry run', async () => {
    const ctx = context({}, { isDryRun: true });
    await setup().handler(ctx);
    expect(gitea.requests).toEqual([]);
    expect(() => gitea.filesOn('request/postgresql-photos')).toThrow();
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 0);
  });

  it.each([
    ['-uexploit'],
    ['--upload-pack=touch /tmp/pwned'],
    ['a..b'],
    ['x@{1}'],
    ['main.lock'],
  ])('refuses branch %j before touching git', async branchName => {
    await expect(
      setup().handler(context({ branchName })),
    ).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(gitea.requests).toEqual([]);
  });

  it.each([
    ['sourcePath', '../../etc'],
    ['targetPath', '../outside'],
    ['targetPath', '/etc'],
  ])('refuses %s %s outside its root', async (field, value) => {
    await expect(setup().handler(context({ [field]: value }))).rejects.toThrow(
      /outside/i,
    );
  });

  it.each([['.git'], ['.GIT/hooks'], ['x/.git']])(
    'refuses targetPath %s inside .git before pushing anything',
    async targetPath => {
      await expect(setup().handler(context({ targetPath }))).rejects.toThrow(
        /inside \.git/i,
      );
      expect(gitea.pulls).toEqual([]);
    },
  );

  it('refuses to publish a symlink', async () => {
    fs.symlinkSync('/etc/passwd', workspace.resolve('resources/link'));
    await expect(setup().handler(context({}))).rejects.toThrow(/symlink/);
  });

  describe('with a symlink committed to the repository', () => {
    let outside: string;
    beforeEach(() => {
      outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-clone-'));
      fs.writeFileSync(path.join(outside, 'keep.txt'), 'untouched\n');
    });
    afterEach(() => fs.rmSync(outside, { recursive: true, force: true }));

    /** Commits a symlink to main with real git, as someone could push one. */
    function commitSymlink(link: string, target: string) {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'symlink-commit-'));
      const git = (...args: string[]) =>
        execFileSync('git', args, {
          cwd: work,
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: 'mallory',
            GIT_AUTHOR_EMAIL: 'mallory@lab.local',
            GIT_COMMITTER_NAME: 'mallory',
            GIT_COMMITTER_EMAIL: 'mallory@lab.local',
          },
        });
      try {
        git('clone', '-q', gitea.bareRepo, '.');
        fs.mkdirSync(path.dirname(path.join(work, link)), { recursive: true });
        fs.symlinkSync(target, path.join(work, link));
        git('add', '-A');
        git('commit', '-q', '-m', 'a symlink');
        git('push', '-q', 'origin', 'main');
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    }

    it.each([
      ['a folder on the way', 'platform/requests/default', () => outside],
      ['the target folder', 'platform', () => outside],
      [
        'the file itself',
        'platform/requests/default/postgresql-photos.yaml',
        () => path.join(outside, 'keep.txt'),
      ],
    ])(
      'refuses to write through it when it is %s, and writes nothing outside',
      async (_what, link, target) => {
        commitSymlink(link, target());
        await expect(setup().handler(context({}))).rejects.toThrow(
          new RegExp(`^${link}.* is a symlink in the repository`),
        );
        expect(fs.readdirSync(outside)).toEqual(['keep.txt']);
        expect(fs.readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe(
          'untouched\n',
        );
        expect(gitea.pulls).toEqual([]);
        expect(() => gitea.filesOn('request/postgresql-photos')).toThrow();
      },
    );

    it('refuses a relative symlink that climbs out of the clone', async () => {
      commitSymlink(
        'platform/requests',
        `../../../../../../../../..${outside}`,
      );
      await expect(setup().handler(context({}))).rejects.toThrow(
        /symlink in the repository/,
      );
      expect(fs.readdirSync(outside)).toEqual(['keep.txt']);
    });
  });

  it('refuses newlines in the author, and keeps the title on one line', async () => {
    await expect(
      setup().handler(context({ gitAuthorName: 'Evil\nSigned-off-by: root' })),
    ).rejects.toMatchObject({ name: 'InputError' });
    await setup().handler(context({ title: 'Request\nphotos' }));
    expect(gitea.pulls[0].title).toBe('Request photos');
  });

  it.each([
    [401, /answered 401 \(the integration credentials were refused\)/],
    [404, /answered 404 \(no such repository/],
    [409, /answered 409 \(it conflicts/],
    [422, /answered 422 \(Gitea refused/],
  ])('turns a Gitea %i into a clear error', async (status, message) => {
    gitea.failNext = { status, message: 'upstream says no' };
    await expect(setup().handler(context({}))).rejects.toThrow(message);
  });

  it('reports labels that do not exist', async () => {
    await expect(
      setup().handler(context({ labels: ['nope'] })),
    ).rejects.toThrow(/Labels not found in homelab\/gitops: nope/);
  });

  it('never writes the token to the log or the outputs', async () => {
    const ctx = context({});
    await setup().handler(ctx);
    const logger = ctx.logger as unknown as Record<string, jest.Mock>;
    const logged = JSON.stringify(
      ['debug', 'info', 'warn', 'error'].map(level => logger[level].mock.calls),
    );
    expect(logged).toContain('Pushed 1 files');
    expect(logged).not.toContain(TOKEN);
    expect(JSON.stringify((ctx.output as jest.Mock).mock.calls)).not.toContain(
      TOKEN,
    );
    expect(JSON.stringify(gitea.pulls)).not.toContain(TOKEN);
  });

  it('fails clearly when no integration is configured for the host', async () => {
    await expect(
      setup().handler(context({ repoUrl: 'git.example.com?owner=a&repo=b' })),
    ).rejects.toThrow(
      /No matching integration configuration for host git.example.com/,
    );
  });
});
