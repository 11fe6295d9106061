// openapi-fetch names its methods after the HTTP verbs (client.GET)
/* eslint-disable new-cap */
import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DnsReport,
  HomelabBackendClient,
  SecretsReport,
  createHomelabBackendClient,
  fetchArgsOf,
} from '@homelab-portal/plugin-homelab-common';

/** The homelab backend: the DNS view and the secrets inventory. @public */
export interface HomelabApi {
  getDns(): Promise<DnsReport>;
  getSecrets(): Promise<SecretsReport>;
}

/** @public */
export const homelabApiRef = createApiRef<HomelabApi>({
  id: 'plugin.homelab.service',
});

/**
 * Talks to the homelab backend with the signed-in user's token, through the
 * client typed from the backend's OpenAPI spec.
 *
 * @public
 */
export class HomelabClient implements HomelabApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getDns(): Promise<DnsReport> {
    const { data } = await (await this.client()).GET('/dns');
    return data!;
  }

  async getSecrets(): Promise<SecretsReport> {
    const { data } = await (await this.client()).GET('/secrets');
    return data!;
  }

  /** A non-2xx answer throws ResponseError, with the backend's message. */
  private async client(): Promise<HomelabBackendClient> {
    return createHomelabBackendClient({
      baseUrl: await this.options.discoveryApi.getBaseUrl('homelab'),
      fetch: async request => {
        const response = await this.options.fetchApi.fetch(
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
