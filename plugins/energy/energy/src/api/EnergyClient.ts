// openapi-fetch names its methods after the HTTP verbs (client.GET)
/* eslint-disable new-cap */
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EnergyBackendClient,
  EnergyOverview,
  EnergySeries,
  EnergySummary,
  EnergyWindow,
  StorageUsage,
  TopConsumers,
  createEnergyBackendClient,
} from '@homelab-portal/plugin-energy-common';
import { fetchArgsOf } from '@homelab-portal/plugin-homelab-common';
import { EnergyApi, EnergyRange } from './EnergyApi';

/**
 * Talks to the energy backend with the signed-in user's token, through the
 * client typed from the backend's OpenAPI spec.
 *
 * @public
 */
export class EnergyClient implements EnergyApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getSummary(entityRef: string): Promise<EnergySummary> {
    const { data } = await (
      await this.client()
    ).GET('/summary', { params: { query: { entityRef } } });
    return data as EnergySummary;
  }

  async getSeries(
    entityRef: string,
    range: EnergyRange,
  ): Promise<EnergySeries> {
    const { data } = await (
      await this.client()
    ).GET('/series', { params: { query: { entityRef, range } } });
    return data as EnergySeries;
  }

  async getTopConsumers(
    window: EnergyWindow,
    limit = 10,
  ): Promise<TopConsumers> {
    const { data } = await (
      await this.client()
    ).GET('/top', { params: { query: { window, limit: String(limit) } } });
    return data as TopConsumers;
  }

  async getStorage(entityRef: string): Promise<StorageUsage> {
    const { data } = await (
      await this.client()
    ).GET('/storage', { params: { query: { entityRef } } });
    return data as StorageUsage;
  }

  async getOverview(window?: EnergyWindow): Promise<EnergyOverview> {
    const { data } = await (
      await this.client()
    ).GET('/overview', { params: { query: window ? { window } : {} } });
    return data as EnergyOverview;
  }

  /** A non-2xx answer throws ResponseError, with the backend's message. */
  private async client(): Promise<EnergyBackendClient> {
    return createEnergyBackendClient({
      baseUrl: await this.discoveryApi.getBaseUrl('energy'),
      fetch: async request => {
        const response = await this.fetchApi.fetch(
          ...(await fetchArgsOf(request)),
        );
        if (!response.ok) {
          throw await ResponseError.fromResponse(response);
        }
        return response;
      },
    });
  }
}
