import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { EnergyApiPaths } from '@homelab-portal/plugin-energy-common';
import {
  JsonAnswer,
  PluginCallOptions,
  answerOf,
  createPluginClient,
} from '@homelab-portal/plugin-homelab-node';

/** The energy backend's `/overview` answer. @public */
export type EnergyOverviewAnswer = JsonAnswer<
  EnergyApiPaths['/overview']['get']
>;

/** The energy backend's `/summary` answer. @public */
export type EnergySummaryAnswer = JsonAnswer<EnergyApiPaths['/summary']['get']>;

/** The energy backend's `/series` answer. @public */
export type EnergySeriesAnswer = JsonAnswer<EnergyApiPaths['/series']['get']>;

/** The energy backend's `/series` query. @public */
export type EnergySeriesRequest = NonNullable<
  EnergyApiPaths['/series']['get']['parameters']['query']
>;

/** The windows the energy backend's overview is given for. @public */
export type EnergyWindow = NonNullable<
  NonNullable<
    EnergyApiPaths['/overview']['get']['parameters']['query']
  >['window']
>;

/**
 * The energy backend, for other backends. Calls go to it as a service
 * (on behalf of the calling plugin unless `credentials` say otherwise), with
 * a timeout; a failure throws `UpstreamError` ("the energy plugin answered
 * HTTP 503: ...").
 *
 * @public
 */
export interface EnergyService {
  /** The whole lab over a window (default 24h): totals, nodes, systems, top consumers. */
  getOverview(
    request?: { window?: EnergyWindow },
    options?: PluginCallOptions,
  ): Promise<EnergyOverviewAnswer>;
  /** An entity's power now, and energy, cost and CO2 per window. */
  getSummary(
    request: { entityRef: string },
    options?: PluginCallOptions,
  ): Promise<EnergySummaryAnswer>;
  /** An entity's average power per step over a range. */
  getSeries(
    request: EnergySeriesRequest,
    options?: PluginCallOptions,
  ): Promise<EnergySeriesAnswer>;
}

/**
 * The default `EnergyService`: a client typed from the energy backend's
 * OpenAPI spec, found through discovery.
 *
 * @public
 */
export class DefaultEnergyService implements EnergyService {
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
  }): DefaultEnergyService {
    return new DefaultEnergyService(options);
  }

  private client(call?: PluginCallOptions) {
    return createPluginClient<EnergyApiPaths>({
      ...this.options,
      pluginId: 'energy',
      credentials: call?.credentials,
      timeoutMs: call?.timeoutMs ?? this.options.timeoutMs,
    });
  }

  async getOverview(
    request?: { window?: EnergyWindow },
    options?: PluginCallOptions,
  ) {
    const client = await this.client(options);
    return answerOf(
      'energy',
      await client.GET('/overview', {
        params: { query: request?.window ? { window: request.window } : {} },
      }),
    );
  }

  async getSummary(
    request: { entityRef: string },
    options?: PluginCallOptions,
  ) {
    const client = await this.client(options);
    return answerOf(
      'energy',
      await client.GET('/summary', {
        params: { query: { entityRef: request.entityRef } },
      }),
    );
  }

  async getSeries(request: EnergySeriesRequest, options?: PluginCallOptions) {
    const client = await this.client(options);
    return answerOf(
      'energy',
      await client.GET('/series', { params: { query: request } }),
    );
  }
}
