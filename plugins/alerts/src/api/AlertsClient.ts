import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { AlertsApi } from './AlertsApi';

/** Talks to the alerts backend with the signed-in user's token. @public */
export class AlertsClient implements AlertsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getEntityAlerts(entityRef: string) {
    return this.request('GET', `/entity?${new URLSearchParams({ entityRef })}`);
  }

  getHistory(entityRef: string, days = 30, cursor?: string) {
    const query = new URLSearchParams({ entityRef, days: String(days) });
    if (cursor) query.set('cursor', cursor);
    return this.request('GET', `/history?${query}`);
  }

  getOverview() {
    return this.request('GET', '/overview');
  }

  getSilences() {
    return this.request('GET', '/silences');
  }

  createSilence(input: Parameters<AlertsApi['createSilence']>[0]) {
    return this.request('POST', '/silences', input);
  }

  acknowledge(input: Parameters<AlertsApi['acknowledge']>[0]) {
    return this.request('POST', '/acknowledge', input);
  }

  async expireSilence(alertmanager: string, id: string) {
    await this.request(
      'DELETE',
      `/silences/${encodeURIComponent(alertmanager)}/${encodeURIComponent(id)}`,
    );
  }

  private async request(method: string, path: string, body?: unknown) {
    const base = await this.discoveryApi.getBaseUrl('alerts');
    const response = await this.fetchApi.fetch(`${base}${path}`, {
      method,
      headers:
        body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.status === 204 ? undefined : response.json();
  }
}
