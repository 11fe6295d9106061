// openapi-fetch names its methods after the HTTP verbs (client.GET)
/* eslint-disable new-cap */
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { fetchArgsOf } from '@homelab-portal/plugin-homelab-common';
import {
  BackupsBackendClient,
  RecoveryReadiness,
  createBackupsBackendClient,
} from '@homelab-portal/plugin-backups-common';
import { BackupsApi } from './BackupsApi';

/**
 * Talks to the backups backend with the signed-in user's token, through the
 * client typed from the backend's OpenAPI spec.
 *
 * @public
 */
export class BackupsClient implements BackupsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntity(entityRef: string) {
    const { data } = await (
      await this.client()
    ).GET('/entity', { params: { query: { entityRef } } });
    return data!;
  }

  async getOverview() {
    const { data } = await (await this.client()).GET('/overview');
    return data!;
  }

  async getReadiness() {
    const { data } = await (await this.client()).GET('/readiness');
    // The spec says "four procedures, each one of the four kinds"; the
    // backend sends them in the order partial, node, cluster, site (its
    // schema/openapi.test.ts checks that), which is this tuple.
    return data as RecoveryReadiness;
  }

  async getEntityRecovery(entityRef: string) {
    const { data } = await (
      await this.client()
    ).GET('/readiness/entity', { params: { query: { entityRef } } });
    return data!;
  }

  /** A non-2xx answer throws ResponseError, with the backend's message. */
  private async client(): Promise<BackupsBackendClient> {
    return createBackupsBackendClient({
      baseUrl: await this.discoveryApi.getBaseUrl('backups'),
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
