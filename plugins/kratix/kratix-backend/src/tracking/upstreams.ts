import { UpstreamError, getJson } from '@homelab-portal/plugin-homelab-node';

/** What ArgoCD says about one resource of an Application. */
export type SyncState =
  | { state: 'synced'; at: string; revision?: string }
  | { state: 'failed'; message: string }
  | { state: 'waiting'; message: string };

/** ArgoCD's API: an Application's resources and last operation. */
export class ArgoCdClient {
  constructor(
    private readonly options: {
      baseUrl: string;
      token?: string;
      application: string;
      timeoutMs: number;
      fetch?: typeof fetch;
    },
  ) {}

  async resourceState(resource: {
    group: string;
    kind: string;
    namespace?: string;
    name: string;
  }): Promise<SyncState> {
    const { baseUrl, token, application, timeoutMs } = this.options;
    const what = `ArgoCD (${new URL(baseUrl).host})`;
    const { status, body } = await getJson(
      what,
      `${baseUrl.replace(/\/+$/, '')}/api/v1/applications/${encodeURIComponent(
        application,
      )}`,
      token ? { authorization: `Bearer ${token}` } : {},
      timeoutMs,
      this.options.fetch ?? fetch,
    );
    if (status === 404) {
      throw new UpstreamError(`${what} has no Application ${application}`);
    }
    const entry = (body.status?.resources ?? []).find(
      (r: {
        group?: string;
        kind?: string;
        name?: string;
        namespace?: string;
      }) =>
        (r.group ?? '') === resource.group &&
        r.kind === resource.kind &&
        r.name === resource.name &&
        (r.namespace ?? undefined) === (resource.namespace ?? undefined),
    );
    const operation = body.status?.operationState;
    if (entry?.status === 'Synced') {
      return {
        state: 'synced',
        at:
          operation?.finishedAt ??
          body.status?.reconciledAt ??
          new Date().toISOString(),
        revision: body.status?.sync?.revision,
      };
    }
    if (operation && ['Failed', 'Error'].includes(operation.phase)) {
      return {
        state: 'failed',
        message: `ArgoCD sync of ${application} ${operation.phase.toLowerCase()}: ${
          operation.message ?? 'no message'
        }`,
      };
    }
    return {
      state: 'waiting',
      message: entry
        ? `ArgoCD: ${resource.kind} ${resource.name} is ${entry.status}`
        : `ArgoCD: ${application} does not manage ${resource.kind} ${resource.name} yet`,
    };
  }
}
