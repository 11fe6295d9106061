import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DecisionState } from '@homelab-portal/plugin-cybernetics-common';
import { CyberneticsApi } from './CyberneticsApi';

/** Talks to the cybernetics backend with the signed-in user's token. @public */
export class CyberneticsClient implements CyberneticsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listDecisions(
    filter: { states?: DecisionState[]; entityRef?: string } = {},
  ) {
    const query = new URLSearchParams();
    if (filter.states?.length) query.set('state', filter.states.join(','));
    if (filter.entityRef) query.set('entityRef', filter.entityRef);
    return (await this.call('GET', `/decisions?${query}`)).items;
  }

  getDecision(id: string) {
    return this.call('GET', `/decisions/${encodeURIComponent(id)}`);
  }

  approve(id: string, comment?: string) {
    return this.call('POST', `/decisions/${encodeURIComponent(id)}/approve`, {
      ...(comment ? { comment } : {}),
    });
  }

  reject(id: string, comment?: string) {
    return this.call('POST', `/decisions/${encodeURIComponent(id)}/reject`, {
      ...(comment ? { comment } : {}),
    });
  }

  acknowledge(id: string, comment?: string) {
    return this.call(
      'POST',
      `/decisions/${encodeURIComponent(id)}/acknowledge`,
      { ...(comment ? { comment } : {}) },
    );
  }

  loopStatus() {
    return this.call('GET', '/loop');
  }

  private async call(method: string, path: string, body?: object) {
    const base = await this.discoveryApi.getBaseUrl('cybernetics');
    const response = await this.fetchApi.fetch(`${base}${path}`, {
      method,
      ...(body
        ? {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }
        : {}),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
