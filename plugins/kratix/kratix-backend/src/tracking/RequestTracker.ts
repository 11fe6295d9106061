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
import { RequesterNotice, notifyRequester } from './notifyRequester';
import { RequestObject, readRequestObject } from './requestObject';
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
 *
 * A request Kratix failed is not final at once: Kratix retries a failed
 * configure workflow of the same generation on its reconciliation interval
 * (`workflows.reconcileAfterFailure`, on by default; every 10 hours unless
 * the Promise says otherwise) and when the request is labelled
 * `kratix.io/manual-reconciliation`. So it stays followed for
 * `followFailedHours`: should Kratix then report it `Reconciled`, it becomes
 * Ready; while Kratix still fails it, nothing is recorded or told again. A
 * new generation (the spec changed, through a new request) ends the
 * following: that failure stays this request's outcome.
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
      /** How long a request Kratix failed is still followed, in hours (default 24). */
      followFailedHours?: number;
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
    // a failed request that is still followed asks the cluster
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
      followUntil?: string;
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

  /** The request's object in the Kratix cluster, or undefined. */
  private async readObject(
    request: KratixRequest,
  ): Promise<RequestObject | undefined> {
    return this.deps.kube
      ? readRequestObject(this.deps.kube, request)
      : undefined;
  }

  /**
   * A request Kratix failed, while Kratix may still retry it: Ready if a
   * retry reconciled it; the following ends when the request changed
   * (another generation) or left the cluster.
   */
  private async followFailed(request: KratixRequest): Promise<void> {
    const object = await this.readObject(request);
    if (!object) {
      await this.deps.store.stopFollowing(request.id);
      return;
    }
    const failedAt = request.kratix?.generation;
    const generation = object.metadata?.generation;
    if (
      failedAt !== undefined &&
      generation !== undefined &&
      generation !== failedAt
    ) {
      await this.deps.store.stopFollowing(
        request.id,
        `${
          request.reason ?? 'Failed'
        } (the request has changed since: Kratix runs generation ${generation}, this one failed at ${failedAt})`,
      );
      return;
    }
    const status = kratixStatusOf(object);
    if (!status) return;
    if (status.phase === 'reconciled') {
      await this.move(request, 'ready', {
        at: status.since ?? new Date().toISOString(),
        message: `Kratix: ${status.reason} (when Kratix ran the workflow again)`,
        kratix: status,
      });
      return;
    }
    if (status.phase === 'failed') {
      await this.deps.store.setKratixStatus(
        request.id,
        `Kratix: ${describeKratixStatus(status)}`,
        status,
      );
      return;
    }
    const failure = request.events.find(e => e.state === 'failed')?.message;
    await this.deps.store.setKratixStatus(
      request.id,
      `Kratix is running the workflow again (${describeKratixStatus(
        status,
      )}); it failed before${failure ? `: ${failure}` : ''}`,
      status,
    );
  }

  private async advance(request: KratixRequest): Promise<void> {
    if (request.state === 'failed') {
      await this.followFailed(request);
      return;
    }
    const group = request.apiVersion.split('/')[0];
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
    let object: RequestObject | undefined;
    const readObject = () => this.readObject(request);
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
  private async followKratix(request: KratixRequest, object: RequestObject) {
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
        // Kratix may retry it: see followFailed
        followUntil: new Date(
          Date.now() + (this.deps.followFailedHours ?? 24) * 3600_000,
        ).toISOString(),
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

  private async notify(request: KratixRequest, payload: RequesterNotice) {
    await notifyRequester(this.deps, request, payload);
  }
}
