// openapi-fetch names its methods after the HTTP verbs (client.GET, client.POST)
/* eslint-disable new-cap */
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { fetchArgsOf } from '@homelab-portal/plugin-homelab-common';
import {
  AlertsBackendClient,
  createAlertsBackendClient,
} from '@homelab-portal/plugin-alerts-common';
import { AlertsApi } from './AlertsApi';

/**
 * Talks to the alerts backend with the signed-in user's token, through the
 * client typed from the backend's OpenAPI spec.
 *
 * @public
 */
export class AlertsClient implements AlertsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityAlerts(entityRef: string) {
    const { data } = await (
      await this.client()
    ).GET('/entity', { params: { query: { entityRef } } });
    return data!;
  }

  async getHistory(entityRef: string, days = 30, cursor?: string) {
    const { data } = await (
      await this.client()
    ).GET('/history', {
      params: { query: { entityRef, days: String(days), cursor } },
    });
    return data!;
  }

  async getOverview() {
    const { data } = await (await this.client()).GET('/overview');
    return data!;
  }

  async getSilences() {
    const { data } = await (await this.client()).GET('/silences');
    return data!;
  }

  async createSilence(input: Parameters<AlertsApi['createSilence']>[0]) {
    const { data } = await (
      await this.client()
    ).POST('/silences', { body: input });
    return data!;
  }

  async acknowledge(input: Parameters<AlertsApi['acknowledge']>[0]) {
    const { data } = await (
      await this.client()
    ).POST('/acknowledge', { body: input });
    return data!;
  }

  async expireSilence(alertmanager: string, id: string) {
    await (
      await this.client()
    ).DELETE('/silences/{alertmanager}/{id}', {
      params: { path: { alertmanager, id } },
    });
  }

  /** A non-2xx answer throws ResponseError, with the backend's message. */
  private async client(): Promise<AlertsBackendClient> {
    return createAlertsBackendClient({
      baseUrl: await this.discoveryApi.getBaseUrl('alerts'),
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
