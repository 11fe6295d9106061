import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  addFiles,
  cloneRepo,
  commitAndPushBranch,
  createTemplateAction,
  parseRepoUrl,
} from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GiteaClient } from '../gitea/GiteaClient';
import {
  LocalGitRepository,
  invalidBranchReason,
  localChangeUrl,
} from '@homelab-portal/plugin-homelab-node';
import { examples } from './giteaPullRequest.examples';
import { withPlainErrors } from './plainErrors';
import { copyTree, readTree } from './fileTree';

type ClientFactory = (options: {
  baseUrl: string;
  username?: string;
  password?: string;
}) => GiteaClient;

const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

/**
 * The local start's stand-in for a forge: requests for `host` go to a local
 * Git repository as a branch with one commit, and the link opens its file.
 */
export interface LocalForge {
  host: string;
  appBaseUrl: string;
  repository: () => Promise<LocalGitRepository>;
}

/**
 * `publish:gitea:pull-request`: pushes the workspace (or part of it) to a
 * branch of a Gitea or Forgejo repository with real git and the integration's
 * credentials, then opens a pull request through the API.
 */
export function createGiteaPullRequestAction(options: {
  integrations: ScmIntegrationRegistry;
  clientFactory?: ClientFactory;
  /** When set, repositories on its host are written to the local repository. */
  localForge?: LocalForge;
}) {
  const { integrations } = options;
  const clientFactory: ClientFactory =
    options.clientFactory ?? (o => new GiteaClient(o));

  return createTemplateAction({
    id: 'publish:gitea:pull-request',
    description:
      'Pushes files to a branch and opens a pull request on Gitea or Forgejo',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description: 'The repository: host?owner=<owner>&repo=<repo>',
          }),
        branchName: z => z.string({ description: 'The branch to push' }),
        title: z => z.string({ description: 'The pull request title' }),
        description: z =>
          z.string({ description: 'The pull request body' }).optional(),
        targetBranchName: z =>
          z
            .string({
              description:
                "The base branch (default: the repository's default)",
            })
            .optional(),
        sourcePath: z =>
          z
            .string({ description: 'A folder of the workspace to publish' })
            .optional(),
        targetPath: z =>
          z
            .string({ description: 'Where in the repository to put the files' })
            .optional(),
        reviewers: z =>
          z
            .array(z.string(), { description: 'Users asked to review' })
            .optional(),
        labels: z =>
          z
            .array(z.string(), { description: 'Labels (they must exist)' })
            .optional(),
        commitMessage: z => z.string().optional(),
        gitAuthorName: z => z.string().optional(),
        gitAuthorEmail: z => z.string().optional(),
        update: z =>
          z
            .boolean({
              description:
                'Push to the branch of an existing open pull request instead of failing',
            })
            .optional(),
      },
      output: {
        remoteUrl: z => z.string({ description: 'The pull request URL' }),
        pullRequestNumber: z => z.number(),
        targetBranchName: z => z.string(),
        changeTitle: z =>
          z.string({
            description:
              'The change in words, for a link: "Pull request #12 on git.lab.local", or "Commit on branch x in the local Git repository" where the local repository stands in for the forge',
          }),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const { host, owner, repo } = parseRepoUrl(input.repoUrl, integrations);
      if (!owner) {
        throw new InputError(`repoUrl ${input.repoUrl} names no owner`);
      }
      const local = options.localForge;
      if (local && host === local.host) {
        await withPlainErrors(async () => {
          const reason = invalidBranchReason(input.branchName);
          if (reason) {
            throw new InputError(
              `branchName ${JSON.stringify(input.branchName)} ${reason}`,
            );
          }
          if (input.targetBranchName && input.targetBranchName !== 'main') {
            throw new InputError(
              `The local repository takes requests on main only, not ${input.targetBranchName}`,
            );
          }
          const title = oneLine(input.title);
          const targetPath = input.targetPath ?? '.';
          resolveSafeChildPath('/repository', targetPath);
          const files = await readTree(
            resolveSafeChildPath(ctx.workspacePath, input.sourcePath ?? '.'),
            targetPath,
          );
          if (files.length === 0) {
            throw new InputError(
              `${input.sourcePath ?? 'The workspace'} has no files to publish`,
            );
          }
          const message = [
            input.commitMessage ? oneLine(input.commitMessage) : title,
            '',
            ...(input.description ? [input.description.trim(), ''] : []),
            ...files.map(file => `- ${file.path}`),
          ].join('\n');
          if (ctx.isDryRun) {
            ctx.logger.info(
              `Dry run: would commit ${files.length} files to branch ${input.branchName} of the local repository and link "${title}"`,
            );
            ctx.output('remoteUrl', `${local.appBaseUrl}/kratix/requests`);
            ctx.output('pullRequestNumber', 0);
            ctx.output('targetBranchName', 'main');
            ctx.output(
              'changeTitle',
              `Commit on branch ${input.branchName} in the local Git repository (dry run)`,
            );
            return;
          }
          const repository = await local.repository();
          const change = await ctx.checkpoint({
            key: `local.pull-request.${owner}.${repo}.${input.branchName}`,
            fn: async () =>
              repository.propose({
                branch: input.branchName,
                message,
                files,
                update: input.update,
              }),
          });
          ctx.logger.info(
            `Committed ${files.length} ${
              files.length === 1 ? 'file' : 'files'
            } as ${change.sha.slice(0, 12)} on branch ${change.branch} of ${
              repository.directory
            } (no forge here: review it with git -C ${
              repository.directory
            } show ${change.branch}, approve it with git -C ${
              repository.directory
            } merge ${change.branch})`,
          );
          ctx.output(
            'remoteUrl',
            localChangeUrl(local.appBaseUrl, {
              sha: change.sha,
              branch: change.branch,
              path: files[0].path,
            }),
          );
          // There is no pull request, only the branch and its commit.
          ctx.output('pullRequestNumber', 0);
          ctx.output('targetBranchName', change.base);
          ctx.output(
            'changeTitle',
            `Commit on branch ${change.branch} in the local Git repository`,
          );
        });
        return;
      }
      const integration = integrations.gitea.byHost(host);
      if (!integration) {
        throw new InputError(`No Gitea integration is configured for ${host}`);
      }
      const {
        baseUrl = `https://${host}`,
        username,
        password,
      } = integration.config;

      for (const [field, value] of [
        ['branchName', input.branchName],
        ['targetBranchName', input.targetBranchName],
      ] as const) {
        const reason =
          value !== undefined ? invalidBranchReason(value) : undefined;
        if (reason) {
          throw new InputError(`${field} ${JSON.stringify(value)} ${reason}`);
        }
      }
      for (const [field, value] of [
        ['gitAuthorName', input.gitAuthorName],
        ['gitAuthorEmail', input.gitAuthorEmail],
      ] as const) {
        if (value && /[\r\n<>]/.test(value)) {
          throw new InputError(`${field} must not contain newlines or < >`);
        }
      }
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath ?? '.',
      );
      const targetPath = input.targetPath ?? '.';
      // Checked against a stand-in root now, against the clone later.
      resolveSafeChildPath('/repository', targetPath);
      const title = oneLine(input.title);
      const commitMessage = input.commitMessage ?? title;
      const gitUrl = `${baseUrl.replace(/\/$/, '')}/${owner}/${repo}.git`;

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would push ${
            input.sourcePath ?? 'the workspace'
          } to ${owner}/${repo} branch ${input.branchName} and open "${title}"`,
        );
        ctx.output(
          'remoteUrl',
          `${baseUrl.replace(/\/$/, '')}/${owner}/${repo}/pulls`,
        );
        ctx.output('pullRequestNumber', 0);
        ctx.output('targetBranchName', input.targetBranchName ?? 'main');
        ctx.output('changeTitle', `Pull request on ${host} (dry run)`);
        return;
      }

      const client = clientFactory({ baseUrl, username, password });
      const auth = { username: username ?? 'oauth2', password: password ?? '' };

      const result = await ctx.checkpoint({
        key: `gitea.pull-request.${host}.${owner}.${repo}.${input.branchName}`,
        fn: async () => {
          const base =
            input.targetBranchName ??
            (await client.getDefaultBranch(owner, repo));
          const existing = await client.findOpenPullRequest(
            owner,
            repo,
            input.branchName,
          );
          if (existing && !input.update) {
            throw new ConflictError(
              `Pull request #${existing.number} is already open for branch ${input.branchName}; set update: true to push to it`,
            );
          }
          const cloneDir = await fs.mkdtemp(
            path.join(os.tmpdir(), 'gitea-pr-'),
          );
          try {
            await cloneRepo({
              url: gitUrl,
              dir: cloneDir,
              auth,
              logger: ctx.logger,
              ref: existing ? input.branchName : base,
              depth: 1,
            });
            const copied = await copyTree(
              sourceDir,
              await fs.realpath(cloneDir),
              targetPath,
            );
            await addFiles({
              dir: cloneDir,
              filepath: '.',
              auth,
              logger: ctx.logger,
            });
            await commitAndPushBranch({
              dir: cloneDir,
              auth,
              logger: ctx.logger,
              commitMessage,
              gitAuthorInfo: {
                name: input.gitAuthorName,
                email: input.gitAuthorEmail,
              },
              branch: input.branchName,
              remoteRef: `refs/heads/${input.branchName}`,
            });
            ctx.logger.info(
              `Pushed ${copied.length} files to ${owner}/${repo} branch ${input.branchName}`,
            );
          } finally {
            await fs.rm(cloneDir, { recursive: true, force: true });
          }

          if (existing) {
            return { url: existing.html_url, number: existing.number, base };
          }
          const labels = await client.labelIds(owner, repo, input.labels ?? []);
          const pull = await client.createPullRequest(owner, repo, {
            head: input.branchName,
            base,
            title,
            body: input.description ?? '',
            labels,
          });
          await client.requestReviewers(
            owner,
            repo,
            pull.number,
            input.reviewers ?? [],
          );
          return { url: pull.html_url, number: pull.number, base };
        },
      });

      ctx.output('remoteUrl', result.url);
      ctx.output('pullRequestNumber', result.number);
      ctx.output('targetBranchName', result.base);
      ctx.output('changeTitle', `Pull request #${result.number} on ${host}`);
    },
  });
}
