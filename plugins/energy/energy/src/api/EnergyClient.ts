import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EnergyWindow } from '@homelab-portal/plugin-energy-common';
import { EnergyApi, EnergyRange } from './EnergyApi';

/** Talks to the energy backend with the signed-in user's token. @public */
export class EnergyClient implements EnergyApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getSummary(entityRef: string) {
    return this.get('/summary', { entityRef });
  }

  getSeries(entityRef: string, range: EnergyRange) {
    return this.get('/series', { entityRef, range });
  }

  getTopConsumers(window: EnergyWindow, limit = 10) {
    return this.get('/top', { window, limit: String(limit) });
  }

  getStorage(entityRef: string) {
    return this.get('/storage', { entityRef });
  }

  getOverview(window?: EnergyWindow) {
    return this.get('/overview', window ? { window } : {});
  }

  private async get(path: string, query: Record<string, string>) {
    const base = await this.discoveryApi.getBaseUrl('energy');
    const search = new URLSearchParams(query).toString();
    const response = await this.fetchApi.fetch(
      `${base}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
