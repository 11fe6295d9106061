import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { BackupsApi } from './BackupsApi';

/** Talks to the backups backend with the signed-in user's token. @public */
export class BackupsClient implements BackupsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getEntity(entityRef: string) {
    return this.get(`/entity?${new URLSearchParams({ entityRef })}`);
  }

  getOverview() {
    return this.get('/overview');
  }

  getReadiness() {
    return this.get('/readiness');
  }

  getEntityRecovery(entityRef: string) {
    return this.get(`/readiness/entity?${new URLSearchParams({ entityRef })}`);
  }

  private async get(path: string) {
    const base = await this.discoveryApi.getBaseUrl('backups');
    const response = await this.fetchApi.fetch(`${base}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
