import {
  AuthService,
  DiscoveryService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import yaml from 'yaml';
import { withPlainErrors } from './plainErrors';

/**
 * `kratix:request:track`: records the request just rendered and proposed in a
 * pull request with the kratix backend, on behalf of the user who ran the
 * template, so that it is followed until it is ready.
 */
export function createKratixTrackAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'kratix:request:track',
    description:
      'Records a Kratix request and its pull request, to follow it until it is ready',
    supportsDryRun: true,
    schema: {
      input: {
        promiseEntityRef: z =>
          z.string({ description: 'The Promise API entity' }),
        manifestPath: z =>
          z.string({
            description:
              'The request manifest in the workspace (kratix:request output)',
          }),
        forge: z => z.enum(['gitea', 'github', 'gitlab']),
        pullRequestUrl: z =>
          z.string({ description: 'The pull request that proposes it' }),
      },
      output: {
        requestId: z => z.string(),
      },
    },
    async handler(ctx) {
      await withPlainErrors(async () => {
        const { input } = ctx;
        if (!input.pullRequestUrl) {
          throw new InputError(
            'No pull request URL: the pull request step did not run',
          );
        }
        const file = resolveSafeChildPath(
          ctx.workspacePath,
          input.manifestPath,
        );
        const manifest = yaml.parse(await fs.readFile(file, 'utf8'));
        if (ctx.isDryRun) {
          ctx.logger.info(
            `Dry run: would track ${manifest?.kind} ${manifest?.metadata?.name}`,
          );
          ctx.output('requestId', 'dry-run');
          return;
        }
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await ctx.getInitiatorCredentials(),
          targetPluginId: 'kratix',
        });
        const response = await fetch(
          `${await discovery.getBaseUrl('kratix')}/requests`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({
              promiseEntityRef: input.promiseEntityRef,
              manifest,
              forge: input.forge,
              pullRequestUrl: input.pullRequestUrl,
            }),
          },
        );
        if (!response.ok) {
          const error = await ResponseError.fromResponse(response);
          // say why, as the backend did, not just the status
          const reason = error.body?.error?.message;
          if (reason) {
            error.message = `The kratix backend refused to track the request (HTTP ${
              response.status
            }): ${String(reason).slice(0, 500)}`;
          }
          throw error;
        }
        const created = await response.json();
        ctx.logger.info(
          `Tracking ${created.kind} ${created.name} as request ${created.id}`,
        );
        ctx.output('requestId', created.id);
      });
    },
  });
}
