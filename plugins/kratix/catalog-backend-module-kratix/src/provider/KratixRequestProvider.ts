import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  fetchUpstream,
  upstreamFailure,
} from '@homelab-portal/plugin-homelab-node';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';

/** The entity type of a request on its way. */
export const KRATIX_REQUEST_ENTITY_TYPE = 'kratix-request';
/** Annotations and a label of those entities. */
export const KRATIX_REQUEST_ID_ANNOTATION =
  'homelab-portal.io/kratix-request-id';
export const KRATIX_REQUEST_STATE_LABEL =
  'homelab-portal.io/kratix-request-state';
export const KRATIX_REQUEST_REASON_ANNOTATION =
  'homelab-portal.io/kratix-request-reason';
export const KRATIX_REQUEST_PROMISE_ANNOTATION =
  'homelab-portal.io/kratix-request-promise';

const PAGE = 200;
const LOCATION = 'kratix-requests:portal';

const webUrl = (url: string | undefined) =>
  url && /^https?:\/\//i.test(url) ? url : undefined;

/**
 * The state an in-flight request shows in the catalog: merged (ArgoCD has not
 * synced it yet), synced (Kratix has said nothing yet), or what Kratix says
 * (waiting, needs-approval).
 */
export function catalogStateOf(request: KratixRequest): string {
  if (request.state === 'synced' && request.kratix) return request.kratix.phase;
  return request.state;
}

/**
 * A request between merge and Kratix's `Reconciled` True, as a catalog
 * `Resource` of type `kratix-request`: owned by its requester, depending on
 * its Promise's API entity, with its state, its pull request and its
 * timeline (and, when a pipeline asks for one, where to approve it).
 */
export function entityForRequest(
  request: KratixRequest,
  options: { appBaseUrl?: string } = {},
): Entity {
  const state = catalogStateOf(request);
  const links = [
    { url: webUrl(request.pullRequestUrl), title: 'Pull request' },
    {
      url: webUrl(
        options.appBaseUrl
          ? `${options.appBaseUrl.replace(/\/+$/, '')}/kratix/requests/${
              request.id
            }`
          : undefined,
      ),
      title: 'Request timeline',
    },
    {
      url:
        state === 'needs-approval'
          ? webUrl(request.kratix?.approvalUrl)
          : undefined,
      title: 'Approve the workflow',
    },
  ].filter((l): l is { url: string; title: string } => Boolean(l.url));
  const where = request.namespace
    ? `${request.namespace}/${request.name}`
    : request.name;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `kratix-request-${request.id}`,
      namespace: 'default',
      title: `${request.kind} ${where} (on its way)`,
      description: `A ${
        request.promise
      } request made through the portal, not reconciled by Kratix yet: ${
        request.reason ?? state
      }`,
      labels: { [KRATIX_REQUEST_STATE_LABEL]: state },
      annotations: {
        [ANNOTATION_LOCATION]: LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
        [KRATIX_REQUEST_ID_ANNOTATION]: request.id,
        [KRATIX_REQUEST_PROMISE_ANNOTATION]: request.promiseEntityRef,
        ...(request.reason
          ? { [KRATIX_REQUEST_REASON_ANNOTATION]: request.reason }
          : {}),
      },
      tags: ['kratix-request'],
      links,
    },
    spec: {
      type: KRATIX_REQUEST_ENTITY_TYPE,
      owner: request.requester,
      dependsOn: [request.promiseEntityRef],
    },
  };
}

/**
 * Requests in flight as catalog entities, like Kratix Enterprise's pending
 * entities: each request from its merge until Kratix reports it
 * `Reconciled` (the kratix backend then calls it ready and no longer lists
 * it as open), read from the kratix backend. A request that fails or whose
 * pull request closes leaves the catalog too; its timeline keeps it. When the
 * kratix backend cannot be read, the run writes nothing and the catalog keeps
 * the last known requests.
 */
export class KratixRequestProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner?: SchedulerServiceTaskRunner;
      appBaseUrl?: string;
      /** Most requests it reads (default 5000). */
      maxRequests?: number;
      timeoutMs?: number;
      fetch?: typeof fetch;
    },
  ) {}

  getProviderName() {
    return 'kratix-requests';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
    await this.options.taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.run();
      },
    });
  }

  /** Replaces the provider's entities with the requests in flight now. */
  async run(): Promise<{ entities: number }> {
    if (!this.connection) {
      throw new Error('KratixRequestProvider: not connected');
    }
    let requests: KratixRequest[];
    try {
      requests = await this.openRequests();
    } catch (error) {
      this.options.logger.warn(
        `Kratix requests: cannot read the kratix backend (${
          (error as Error).message
        }); keeping the entities from the last run`,
      );
      return { entities: 0 };
    }
    const entities = requests
      .filter(r => r.state === 'merged' || r.state === 'synced')
      .map(request =>
        entityForRequest(request, { appBaseUrl: this.options.appBaseUrl }),
      );
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    return { entities: entities.length };
  }

  private async openRequests(): Promise<KratixRequest[]> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('kratix');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'kratix',
    });
    const max = this.options.maxRequests ?? 5000;
    const all: KratixRequest[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ open: 'true', limit: String(PAGE) });
      if (cursor) query.set('cursor', cursor);
      const what = 'the kratix plugin';
      const { response, text } = await fetchUpstream(
        what,
        `${baseUrl}/requests?${query}`,
        {
          headers: { authorization: `Bearer ${token}` },
          timeoutMs: this.options.timeoutMs ?? 15_000,
          fetch: this.options.fetch,
        },
      );
      if (!response.ok) throw upstreamFailure(what, response, text);
      const page = JSON.parse(text) as {
        items: KratixRequest[];
        nextCursor?: string;
      };
      if (!Array.isArray(page?.items)) {
        throw new Error('the kratix backend answered without items');
      }
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && all.length < max);
    return all.slice(0, max);
  }
}
