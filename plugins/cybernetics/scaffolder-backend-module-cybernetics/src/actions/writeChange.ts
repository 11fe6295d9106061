import {
  AuthService,
  DiscoveryService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * `cybernetics:change:write`: writes an approved decision's change into the
 * workspace (under `out/`), as the cybernetics backend stored it, for the
 * GitOps PR actions that follow. The content comes from the decision, never
 * from the template's parameters, and only a decision being carried out is
 * written.
 */
export function createWriteChangeAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'cybernetics:change:write',
    description:
      "Writes an approved cybernetic decision's change into the workspace",
    supportsDryRun: true,
    schema: {
      input: {
        decisionId: z => z.string().uuid(),
      },
      output: {
        file: z => z.string(),
        branchName: z => z.string(),
        title: z => z.string(),
        description: z => z.string(),
      },
    },
    async handler(ctx) {
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'cybernetics',
      });
      const response = await fetch(
        `${await options.discovery.getBaseUrl(
          'cybernetics',
        )}/decisions/${encodeURIComponent(ctx.input.decisionId)}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const decision: Decision = await response.json();
      if (
        !ctx.isDryRun &&
        decision.state !== 'executing' &&
        decision.state !== 'approved'
      ) {
        throw new InputError(
          `Decision ${decision.id} is ${decision.state}; only an approved decision is carried out`,
        );
      }
      const action = decision.action;
      if (!('file' in action)) {
        throw new InputError(
          `Decision ${decision.id} proposes no change to a file`,
        );
      }
      const content =
        action.type === 'gitops-change' ? action.after : action.manifest;
      const target = resolveSafeChildPath(
        path.join(ctx.workspacePath, 'out'),
        action.file,
      );
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, content, 'utf8');
      ctx.logger.info(`Wrote ${action.file} for decision ${decision.id}`);
      ctx.output('file', action.file);
      ctx.output('branchName', `cybernetics/${decision.id.slice(0, 8)}`);
      ctx.output('title', `${action.title} (${decision.title})`);
      ctx.output(
        'description',
        [
          `Cybernetic decision ${decision.id}, approved in the Homelab Portal.`,
          '',
          `Finding: ${decision.title}`,
          `Diagnosis: ${decision.diagnosis}`,
          `Risk: ${decision.risk}`,
          `Rationale: ${decision.rationale}`,
          '',
          'Evidence:',
          ...decision.evidence.map(e => `- ${e.label}: ${e.value}`),
        ].join('\n'),
      );
    },
  });
}
