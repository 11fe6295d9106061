import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { AlertsService } from '@homelab-portal/plugin-alerts-node';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import {
  fetchUpstream,
  upstreamFailure,
} from '@homelab-portal/plugin-homelab-node';

/** Where approved changes go: the GitOps repository, through the PR actions. */
export type GitOpsTarget = {
  /** The scaffolder's repoUrl form, e.g. `git.lab.local?owner=homelab&repo=gitops`. */
  repoUrl: string;
  forge: 'gitea' | 'github' | 'gitlab';
  /** The template that writes the decision's files and opens the pull request. */
  templateRef: string;
};

const quote = (value: string) =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Carries out approved decisions, on behalf of the person who approved them:
 * changes go through the scaffolder's GitOps PR actions (a task of the
 * cybernetics-change template), silences through the alerts plugin. It
 * never applies anything to a cluster itself.
 */
export class Executor {
  constructor(
    private readonly deps: {
      /** Silences go through the alerts plugin's typed service. */
      alerts: AlertsService;
      /** The scaffolder is called directly (it has no such service). */
      discovery: DiscoveryService;
      auth: AuthService;
      gitops?: GitOpsTarget;
    },
  ) {}

  private async call(
    pluginId: string,
    path: string,
    credentials: BackstageCredentials,
    init: { method: string; body?: object },
  ) {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: pluginId,
    });
    const what = `the ${pluginId} plugin`;
    const { response, text } = await fetchUpstream(
      what,
      `${await this.deps.discovery.getBaseUrl(pluginId)}${path}`,
      {
        method: init.method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
        body: init.body ? JSON.stringify(init.body) : undefined,
        timeoutMs: 30_000,
      },
    );
    if (!response.ok) throw upstreamFailure(what, response, text);
    return JSON.parse(text);
  }

  /** Starts the action; returns the scaffolder task, or that it is done already. */
  async start(
    decision: Decision,
    credentials: BackstageCredentials,
  ): Promise<{ taskId?: string; done: boolean; note: string }> {
    const action = decision.action;
    if (action.type === 'none') {
      throw new InputError('This decision proposes no action to carry out');
    }
    if (action.type === 'silence') {
      const silence = await this.deps.alerts.createSilence(
        {
          alertmanager: action.alertmanager,
          matchers: `{${action.matchers
            .map(m => `${m.name}=${quote(m.value)}`)
            .join(',')}}`,
          durationMinutes: action.durationMinutes,
          comment: `Cybernetic decision ${decision.id}: ${decision.title}`,
          // When the loop acts on its own, the alerts plugin records which
          // decision the silence carries out (people act under their name).
          ...(credentials.principal &&
          (credentials.principal as { type?: string }).type === 'service'
            ? { decisionId: decision.id }
            : {}),
        },
        { credentials, timeoutMs: 30_000 },
      );
      return { done: true, note: `Silence ${silence.id} created` };
    }
    const gitops = this.deps.gitops;
    if (!gitops) {
      throw new InputError(
        'No GitOps repository is configured (cybernetics.gitops), so changes cannot be proposed as pull requests',
      );
    }
    const task = await this.call('scaffolder', '/v2/tasks', credentials, {
      method: 'POST',
      body: {
        templateRef: gitops.templateRef,
        values: {
          decisionId: decision.id,
          repoUrl: gitops.repoUrl,
          forge: gitops.forge,
        },
      },
    });
    return {
      taskId: task.id,
      done: false,
      note: `Scaffolder task ${task.id} started`,
    };
  }

  /** Where a started task is: still running, failed, or done with its pull request. */
  async taskState(
    taskId: string,
    credentials: BackstageCredentials,
  ): Promise<
    | { state: 'running' }
    | { state: 'failed'; reason: string }
    | { state: 'completed'; pullRequestUrl?: string }
  > {
    const task = await this.call(
      'scaffolder',
      `/v2/tasks/${encodeURIComponent(taskId)}`,
      credentials,
      { method: 'GET' },
    );
    if (task.status === 'completed') {
      // The task's output is in its completion event.
      const events: Array<{
        type: string;
        body?: { output?: { links?: Array<{ title?: string; url?: string }> } };
      }> = await this.call(
        'scaffolder',
        `/v2/tasks/${encodeURIComponent(taskId)}/events`,
        credentials,
        { method: 'GET' },
      );
      const completion = events.find(e => e.type === 'completion');
      const links: Array<{ title?: string; url?: string }> =
        completion?.body?.output?.links ?? task.output?.links ?? [];
      const url = links.find(l => l.url && /^https?:/.test(l.url))?.url;
      return { state: 'completed', pullRequestUrl: url };
    }
    if (task.status === 'failed' || task.status === 'cancelled') {
      return { state: 'failed', reason: `Scaffolder task ${task.status}` };
    }
    return { state: 'running' };
  }
}
