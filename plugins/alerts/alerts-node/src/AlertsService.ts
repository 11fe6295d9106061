import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { AlertsApiPaths } from '@homelab-portal/plugin-alerts-common';
import {
  JsonAnswer,
  PluginCallOptions,
  answerOf,
  createPluginClient,
} from '@homelab-portal/plugin-homelab-node';

/** The alerts backend's `/overview` answer. @public */
export type AlertsOverviewAnswer = JsonAnswer<
  AlertsApiPaths['/overview']['get']
>;

/** The alerts backend's `POST /silences` request. @public */
export type CreateSilenceRequest = NonNullable<
  AlertsApiPaths['/silences']['post']['requestBody']
>['content']['application/json'];

/** The alerts backend's `POST /silences` answer. @public */
export type SilenceCreatedAnswer = JsonAnswer<
  AlertsApiPaths['/silences']['post']
>;

/** The alerts backend's `/entity` answer. @public */
export type EntityAlertsAnswer = JsonAnswer<AlertsApiPaths['/entity']['get']>;

/**
 * The alerts backend, for other backends. Calls go to it as a service
 * (on behalf of the calling plugin unless `credentials` say otherwise), with
 * a timeout; a failure throws `UpstreamError` ("the alerts plugin answered
 * HTTP 503: ...").
 *
 * @public
 */
export interface AlertsService {
  /** Every active alert, mapped to entities, with the lab's source and warnings. */
  getOverview(options?: PluginCallOptions): Promise<AlertsOverviewAnswer>;
  /** One entity's alerts. */
  getEntityAlerts(
    request: { entityRef: string },
    options?: PluginCallOptions,
  ): Promise<EntityAlertsAnswer>;
  /**
   * Silences alerts in one Alertmanager. The alerts backend checks its
   * permission for the principal the call is on behalf of, so pass a user's
   * `credentials` to act for them.
   */
  createSilence(
    request: CreateSilenceRequest,
    options?: PluginCallOptions,
  ): Promise<SilenceCreatedAnswer>;
}

/**
 * The default `AlertsService`: a client typed from the alerts backend's
 * OpenAPI spec, found through discovery.
 *
 * @public
 */
export class DefaultAlertsService implements AlertsService {
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
  }): DefaultAlertsService {
    return new DefaultAlertsService(options);
  }

  private client(call?: PluginCallOptions) {
    return createPluginClient<AlertsApiPaths>({
      ...this.options,
      pluginId: 'alerts',
      credentials: call?.credentials,
      timeoutMs: call?.timeoutMs ?? this.options.timeoutMs,
    });
  }

  async getOverview(options?: PluginCallOptions) {
    const client = await this.client(options);
    return answerOf('alerts', await client.GET('/overview'));
  }

  async getEntityAlerts(
    request: { entityRef: string },
    options?: PluginCallOptions,
  ) {
    const client = await this.client(options);
    return answerOf(
      'alerts',
      await client.GET('/entity', {
        params: { query: { entityRef: request.entityRef } },
      }),
    );
  }

  async createSilence(
    request: CreateSilenceRequest,
    options?: PluginCallOptions,
  ) {
    const client = await this.client(options);
    return answerOf(
      'alerts',
      await client.POST('/silences', { body: request }),
    );
  }
}
