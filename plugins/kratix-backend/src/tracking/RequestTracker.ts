import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Cluster,
  KubernetesApi,
  UpstreamError,
} from '@homelab-portal/plugin-homelab-node';
import {
  KRATIX_WAITING_REASONS,
  KratixRequest,
  KratixStatus,
  RequestState,
  describeKratixStatus,
  kratixStatusOf,
} from '@homelab-portal/plugin-kratix-common';
import { RequestStore } from '../database/RequestStore';
import { ApprovalLinks, approvalCommand, approvalUrlFor } from './approval';
import { ArgoCdClient } from './upstreams';
import { Forges } from '../localGit/forges';

const FINAL_TITLES: Partial<Record<RequestState, string>> = {
  ready: 'is ready',
  failed: 'failed',
  closed: 'was closed without merging',
};

/**
 * Follows each open request: pull request open -> merged (or closed) ->
 * ArgoCD synced -> Kratix reconciled, shown as Ready (or failed, with the
 * reason). Every step is stored once; the requester hears of the final one
 * through Backstage notifications, and of a workflow that needs approval.
 * Without ArgoCD configured, the request counts as synced when it shows up in
 * the cluster. While synced, what Kratix says (`Reconciled` Unknown: waiting
 * with its reason, or suspended: needs approval) is kept with the request.
 */
export class RequestTracker {
  constructor(
    private readonly deps: {
      store: RequestStore;
      forge: Forges;
      argocd?: ArgoCdClient;
      kube?: { api: KubernetesApi; cluster: Cluster };
      notifications: NotificationService;
      logger: LoggerService;
      /** Open requests read from the database at a time (default 100). */
      pageSize?: number;
      /** Where a suspended workflow is approved (default: none). */
      approval?: ApprovalLinks;
    },
  ) {}

  /**
   * Checks every open request once, oldest first, a page at a time. An
   * upstream that does not answer at all is not asked again in the same run:
   * the requests that wait on it keep its error as their reason, so that a
   * dead forge costs one timeout per run, not one per request.
   */
  async runOnce(): Promise<void> {
    const down = new Map<string, string>();
    let after: string | undefined;
    do {
      const page = await this.deps.store.openPage({
        after,
        limit: this.deps.pageSize ?? 100,
      });
      for (const request of page.items) {
        const upstream = this.upstreamOf(request);
        const known = down.get(upstream);
        if (known) {
          await this.deps.store.setReason(request.id, `Waiting: ${known}`);
          continue;
        }
        try {
          await this.advance(request);
        } catch (error) {
          const message = (error as Error).message;
          if (error instanceof UpstreamError && error.unreachable) {
            down.set(upstream, message);
          }
          this.deps.logger.warn(
            `Kratix request ${request.id} (${request.kind} ${request.name}): ${message}`,
          );
          await this.deps.store.setReason(request.id, `Waiting: ${message}`);
        }
      }
      after = page.nextCursor;
    } while (after);
  }

  /** The upstream a request's next step asks first. */
  private upstreamOf(request: KratixRequest): string {
    if (request.state === 'pr-open') {
      try {
        return `forge ${new URL(request.pullRequestUrl).host}`;
      } catch {
        return 'forge';
      }
    }
    return request.state === 'merged' && this.deps.argocd
      ? 'argocd'
      : 'cluster';
  }

  private async move(
    request: KratixRequest,
    to: RequestState,
    event: {
      at: string;
      message: string;
      reason?: string;
      kratix?: KratixStatus;
    },
  ): Promise<boolean> {
    const moved = await this.deps.store.transition(
      request.id,
      request.state,
      to,
      event,
    );
    if (moved) {
      request.state = to;
      const title = FINAL_TITLES[to];
      if (title) {
        await this.notify(request, {
          title: `${request.kind} ${request.name} ${title}`,
          description: event.reason ?? event.message,
          severity: to === 'ready' ? 'normal' : 'high',
        });
      }
    }
    return moved;
  }

  private async advance(request: KratixRequest): Promise<void> {
    const group = request.apiVersion.split('/')[0];
    const version = request.apiVersion.split('/')[1];
    if (request.state === 'pr-open') {
      const pull = await this.deps.forge.pullRequest(request.pullRequestUrl);
      if (pull.state === 'open') {
        await this.deps.store.setReason(
          request.id,
          this.deps.forge.waitingFor(request.pullRequestUrl),
        );
        return;
      }
      if (pull.state === 'closed') {
        await this.move(request, 'closed', {
          at: pull.at,
          message: 'Pull request closed without merging',
          reason: 'The pull request was closed without merging',
        });
        return;
      }
      if (
        !(await this.move(request, 'merged', {
          at: pull.at,
          message: `Pull request merged${
            pull.sha ? ` as ${pull.sha.slice(0, 12)}` : ''
          }`,
        }))
      )
        return;
    }
    const resource = {
      group,
      kind: request.kind,
      namespace: request.namespace,
      name: request.name,
    };
    let object: any;
    const readObject = async () => {
      if (!this.deps.kube) return undefined;
      const { api, cluster } = this.deps.kube;
      const path = `/apis/${group}/${version}/${
        request.namespace
          ? `namespaces/${encodeURIComponent(request.namespace)}/`
          : ''
      }${request.plural}/${encodeURIComponent(request.name)}`;
      const { status, body } = await api.get(cluster, path, [404]);
      return status === 404 ? undefined : body;
    };
    if (request.state === 'merged') {
      if (this.deps.argocd) {
        const sync = await this.deps.argocd.resourceState(resource);
        if (sync.state === 'failed') {
          await this.move(request, 'failed', {
            at: new Date().toISOString(),
            message: sync.message,
            reason: sync.message,
          });
          return;
        }
        if (sync.state === 'waiting') {
          await this.deps.store.setReason(request.id, sync.message);
          return;
        }
        if (
          !(await this.move(request, 'synced', {
            at: sync.at,
            message: `ArgoCD synced it${
              sync.revision ? ` at ${sync.revision.slice(0, 12)}` : ''
            }`,
          }))
        )
          return;
      } else {
        object = await readObject();
        if (!object) {
          await this.deps.store.setReason(
            request.id,
            this.deps.kube
              ? 'Waiting for the request to reach the cluster'
              : 'No Kratix cluster configured (kratix.tracking.cluster)',
          );
          return;
        }
        if (
          !(await this.move(request, 'synced', {
            at: object.metadata?.creationTimestamp ?? new Date().toISOString(),
            message: 'In the cluster (ArgoCD not configured)',
          }))
        )
          return;
      }
    }
    if (request.state === 'synced') {
      if (!this.deps.kube) {
        await this.deps.store.setReason(
          request.id,
          'No Kratix cluster configured (kratix.tracking.cluster)',
        );
        return;
      }
      object ??= await readObject();
      if (!object) {
        await this.deps.store.setReason(
          request.id,
          'Synced, but not in the cluster yet',
        );
        return;
      }
      await this.followKratix(request, object);
    }
  }

  /** What Kratix says of a synced request: reconciled, failed, or on its way. */
  private async followKratix(request: KratixRequest, object: any) {
    const status = kratixStatusOf(object);
    if (!status) {
      await this.deps.store.setReason(
        request.id,
        'Kratix: no status yet (the request is in the cluster; Kratix has not reconciled it)',
      );
      return;
    }
    if (status.phase === 'reconciled') {
      await this.move(request, 'ready', {
        at: status.since ?? new Date().toISOString(),
        message: `Kratix: ${status.reason}`,
        kratix: status,
      });
      return;
    }
    if (status.phase === 'failed') {
      const message = `Kratix: ${describeKratixStatus(status)}`;
      await this.move(request, 'failed', {
        at: status.since ?? new Date().toISOString(),
        message,
        reason: message,
        kratix: status,
      });
      return;
    }
    let reason: string;
    let shown: KratixStatus = status;
    if (status.phase === 'needs-approval') {
      const approvalUrl = approvalUrlFor(
        this.deps.approval ?? { type: 'none' },
        request,
        status.pipeline,
      );
      shown = approvalUrl ? { ...status, approvalUrl } : status;
      reason = `Kratix: needs approval${
        status.pipeline ? ` (pipeline ${status.pipeline})` : ''
      }${status.message ? `: ${status.message}` : ''}${
        approvalUrl ? '' : `; approve with: ${approvalCommand(request)}`
      }`;
    } else {
      const meaning = KRATIX_WAITING_REASONS[status.reason];
      reason = `Kratix: waiting, ${describeKratixStatus(status)}${
        meaning ? ` (${meaning})` : ''
      }`;
    }
    const previous = request.kratix?.phase;
    await this.deps.store.setKratixStatus(request.id, reason, shown);
    if (status.phase === 'needs-approval' && previous !== 'needs-approval') {
      await this.notify(request, {
        title: `${request.kind} ${request.name} needs approval`,
        description: reason,
        severity: 'high',
      });
    }
  }

  private async notify(
    request: KratixRequest,
    payload: {
      title: string;
      description: string;
      severity: 'normal' | 'high';
    },
  ) {
    await this.deps.notifications
      .send({
        recipients: { type: 'entity', entityRef: request.requester },
        payload: {
          ...payload,
          link: `/kratix/requests/${request.id}`,
          topic: 'kratix-request',
        },
      })
      .catch(error =>
        this.deps.logger.warn(
          `Could not notify ${request.requester} about request ${request.id}: ${error}`,
        ),
      );
  }
}
