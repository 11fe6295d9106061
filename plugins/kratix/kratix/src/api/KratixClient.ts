import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { KratixApi } from './KratixApi';

/** Talks to the kratix backend with the signed-in user's token. @public */
export class KratixClient implements KratixApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listRequests(
    filter: { requester?: string; promise?: string; open?: boolean } = {},
  ) {
    const query = new URLSearchParams();
    if (filter.requester) query.set('requester', filter.requester);
    if (filter.promise) query.set('promise', filter.promise);
    if (filter.open) query.set('open', 'true');
    const body = await this.get(`/requests?${query}`);
    return body.items;
  }

  getRequest(id: string) {
    return this.get(`/requests/${encodeURIComponent(id)}`);
  }

  private async get(path: string) {
    const base = await this.discoveryApi.getBaseUrl('kratix');
    const response = await this.fetchApi.fetch(`${base}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
