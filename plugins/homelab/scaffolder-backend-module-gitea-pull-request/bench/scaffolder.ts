import { readPromiseDocuments } from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '@homelab-portal/plugin-kratix-node';
/*
 * yarn bench:scaffolder [runs]
 *
 * Runs the request-redis template's steps (kratix:request, then
 * publish:gitea:pull-request) end to end against a local bare repository
 * served over HTTP, 20 times, and a bare `git clone` + commit + push of the
 * same file as the baseline, alternating. Prints the median seconds of each;
 * the last line is the ratio.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createKratixRequestAction } from '@homelab-portal/plugin-scaffolder-backend-module-kratix';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeGitea } from '@homelab-portal/test-utils';
import { createGiteaPullRequestAction } from '../src/actions/giteaPullRequest';

const runs = Number(process.argv[2] ?? 20);
// Asynchronous: the fake Gitea serves git in this same process.
const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../../..');

/** A homelab Promise as the catalog holds it: the API entity the Kratix provider makes. */
function promiseEntity(name: string) {
  const file = path.join(repoRoot, 'promises', name, 'promise.yaml');
  return entitiesForPromise(
    readPromiseDocuments(fs.readFileSync(file, 'utf8'))[0],
    { location: `file:${file}` },
    {
      owner: 'group:default/admins',
      lifecycle: 'production',
      requestsPath: 'platform/requests',
      allowedHosts: [],
    },
  ).api;
}
const TOKEN = 'bench-token';

const quietLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

function context(input: Record<string, unknown>, workspacePath: string) {
  return {
    input,
    workspacePath,
    logger: quietLogger,
    logStream: undefined,
    output() {},
    async checkpoint({ fn }: { fn: () => Promise<unknown> }) {
      return fn();
    },
    async getInitiatorCredentials() {
      return {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      };
    },
    createTemporaryDirectory: async () =>
      fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')),
    task: { id: 'bench' },
    isDryRun: false,
  } as any;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const gitea = await startFakeGitea({
    owner: 'homelab',
    repo: 'gitops',
    token: TOKEN,
    labels: [],
  });
  const host = new URL(gitea.baseUrl).host;
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        gitea: [
          { host, baseUrl: gitea.baseUrl, username: 'portal', password: TOKEN },
        ],
      },
    }),
  );
  const promise = promiseEntity('redis');
  const kratix = createKratixRequestAction({
    urlReader: {} as any,
    catalog: { getEntityByRef: async () => promise } as any,
  });
  const pullRequest = createGiteaPullRequestAction({ integrations });

  const template: number[] = [];
  const baseline: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // The template's steps, as the scaffolder runs them.
      const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ws-'));
      let start = process.hrtime.bigint();
      await kratix.handler(
        context(
          {
            promiseEntityRef: 'api:default/redis-promise',
            name: `cache-${i}`,
            namespace: 'media',
            parameters: { mode: 'persistent' },
            targetPath: `out/media/redis-cache-${i}.yaml`,
          },
          workspace,
        ),
      );
      await pullRequest.handler(
        context(
          {
            repoUrl: `${host}?owner=homelab&repo=gitops`,
            branchName: `request/redis-cache-${i}`,
            title: `Request redis cache-${i}`,
            sourcePath: 'out',
            targetPath: 'platform/requests',
          },
          workspace,
        ),
      );
      template.push(Number(process.hrtime.bigint() - start) / 1e9);
      const manifest = fs.readFileSync(
        path.join(workspace, `out/media/redis-cache-${i}.yaml`),
      );
      fs.rmSync(workspace, { recursive: true, force: true });

      // Baseline: the same file with the git CLI, same server, same credentials.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-git-'));
      const url = `${gitea.baseUrl.replace(
        '://',
        `://portal:${TOKEN}@`,
      )}/homelab/gitops.git`;
      const env = {
        ...process.env,
        GIT_AUTHOR_NAME: 'b',
        GIT_AUTHOR_EMAIL: 'b@lab.local',
        GIT_COMMITTER_NAME: 'b',
        GIT_COMMITTER_EMAIL: 'b@lab.local',
      };
      start = process.hrtime.bigint();
      await run('git', ['clone', '--quiet', '--depth', '1', url, dir], {
        env,
      });
      fs.mkdirSync(path.join(dir, 'platform/requests/media'), {
        recursive: true,
      });
      fs.writeFileSync(
        path.join(dir, `platform/requests/media/redis-cache-${i}.yaml`),
        manifest,
      );
      await run('git', ['add', '.'], { cwd: dir, env });
      await run('git', ['commit', '--quiet', '-m', `baseline ${i}`], {
        cwd: dir,
        env,
      });
      await run(
        'git',
        ['push', '--quiet', 'origin', `HEAD:refs/heads/baseline-${i}`],
        { cwd: dir, env },
      );
      baseline.push(Number(process.hrtime.bigint() - start) / 1e9);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await gitea.close();
  }
  const t = median(template);
  const b = median(baseline);
  console.log(
    `${runs} runs; median seconds: template ${t.toFixed(
      3,
    )}, git clone + commit + push ${b.toFixed(3)}`,
  );
  console.log(`ratio (template / bare git): ${(t / b).toFixed(2)}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
