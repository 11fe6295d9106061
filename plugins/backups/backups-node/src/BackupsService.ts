import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { BackupsApiPaths } from '@homelab-portal/plugin-backups-common';
import {
  JsonAnswer,
  PluginCallOptions,
  answerOf,
  createPluginClient,
} from '@homelab-portal/plugin-homelab-node';

/** The backups backend's `/overview` answer. @public */
export type BackupsOverviewAnswer = JsonAnswer<
  BackupsApiPaths['/overview']['get']
>;

/** The backups backend's `/entity` answer. @public */
export type EntityBackupsAnswer = JsonAnswer<BackupsApiPaths['/entity']['get']>;

/**
 * The backups backend, for other backends. Calls go to it as a service
 * (on behalf of the calling plugin unless `credentials` say otherwise), with
 * a timeout; a failure throws `UpstreamError` ("the backups plugin answered
 * HTTP 503: ...").
 *
 * @public
 */
export interface BackupsService {
  /** Every policy with the compliance of its entities, and the unprotected ones. */
  getOverview(options?: PluginCallOptions): Promise<BackupsOverviewAnswer>;
  /** One entity's backups against its policy. */
  getEntityBackups(
    request: { entityRef: string },
    options?: PluginCallOptions,
  ): Promise<EntityBackupsAnswer>;
}

/**
 * The default `BackupsService`: a client typed from the backups backend's
 * OpenAPI spec, found through discovery.
 *
 * @public
 */
export class DefaultBackupsService implements BackupsService {
  private constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs?: number;
      fetch?: typeof fetch;
    },
  ) {}

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    /** Default 20 s; a call may give its own. */
    timeoutMs?: number;
    /** Replaces the global fetch (tests). */
    fetch?: typeof fetch;
  }): DefaultBackupsService {
    return new DefaultBackupsService(options);
  }

  private client(call?: PluginCallOptions) {
    return createPluginClient<BackupsApiPaths>({
      ...this.options,
      pluginId: 'backups',
      credentials: call?.credentials,
      timeoutMs: call?.timeoutMs ?? this.options.timeoutMs,
    });
  }

  async getOverview(options?: PluginCallOptions) {
    const client = await this.client(options);
    return answerOf('backups', await client.GET('/overview'));
  }

  async getEntityBackups(
    request: { entityRef: string },
    options?: PluginCallOptions,
  ) {
    const client = await this.client(options);
    return answerOf(
      'backups',
      await client.GET('/entity', {
        params: { query: { entityRef: request.entityRef } },
      }),
    );
  }
}
