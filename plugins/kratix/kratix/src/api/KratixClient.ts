// openapi-fetch names its methods after the HTTP verbs (client.GET)
/* eslint-disable new-cap */
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { fetchArgsOf } from '@homelab-portal/plugin-homelab-common';
import {
  KratixBackendClient,
  KratixRequest,
  createKratixBackendClient,
} from '@homelab-portal/plugin-kratix-common';
import { KratixApi } from './KratixApi';

/**
 * Talks to the kratix backend with the signed-in user's token, through the
 * client typed from the backend's OpenAPI spec.
 *
 * @public
 */
export class KratixClient implements KratixApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listRequests(
    filter: { requester?: string; promise?: string; open?: boolean } = {},
  ): Promise<KratixRequest[]> {
    const { data } = await (
      await this.client()
    ).GET('/requests', {
      params: {
        query: {
          ...(filter.requester ? { requester: filter.requester } : {}),
          ...(filter.promise ? { promise: filter.promise } : {}),
          ...(filter.open ? { open: 'true' as const } : {}),
        },
      },
    });
    return data!.items as KratixRequest[];
  }

  async getRequest(id: string): Promise<KratixRequest> {
    const { data } = await (
      await this.client()
    ).GET('/requests/{id}', { params: { path: { id } } });
    return data as KratixRequest;
  }

  /** A non-2xx answer throws ResponseError, with the backend's message. */
  private async client(): Promise<KratixBackendClient> {
    return createKratixBackendClient({
      baseUrl: await this.discoveryApi.getBaseUrl('kratix'),
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
