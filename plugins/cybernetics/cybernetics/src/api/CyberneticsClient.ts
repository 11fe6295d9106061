// openapi-fetch names its methods after the HTTP verbs (client.GET)
/* eslint-disable new-cap */
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CyberneticsBackendClient,
  Decision,
  DecisionState,
  LoopStatus,
  createCyberneticsBackendClient,
} from '@homelab-portal/plugin-cybernetics-common';
import { fetchArgsOf } from '@homelab-portal/plugin-homelab-common';
import { CyberneticsApi } from './CyberneticsApi';

/**
 * Talks to the cybernetics backend with the signed-in user's token, through
 * the client typed from the backend's OpenAPI spec.
 *
 * @public
 */
export class CyberneticsClient implements CyberneticsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listDecisions(
    filter: { states?: DecisionState[]; entityRef?: string } = {},
  ): Promise<Decision[]> {
    const { data } = await (
      await this.client()
    ).GET('/decisions', {
      params: {
        query: {
          ...(filter.states?.length ? { state: filter.states.join(',') } : {}),
          ...(filter.entityRef ? { entityRef: filter.entityRef } : {}),
        },
      },
    });
    return data!.items as Decision[];
  }

  async getDecision(id: string): Promise<Decision> {
    const { data } = await (
      await this.client()
    ).GET('/decisions/{id}', { params: { path: { id } } });
    return data as Decision;
  }

  async approve(id: string, comment?: string): Promise<Decision> {
    const { data } = await (
      await this.client()
    ).POST('/decisions/{id}/approve', {
      params: { path: { id } },
      body: comment ? { comment } : {},
    });
    return data as Decision;
  }

  async reject(id: string, comment?: string): Promise<Decision> {
    const { data } = await (
      await this.client()
    ).POST('/decisions/{id}/reject', {
      params: { path: { id } },
      body: comment ? { comment } : {},
    });
    return data as Decision;
  }

  async acknowledge(id: string, comment?: string): Promise<Decision> {
    const { data } = await (
      await this.client()
    ).POST('/decisions/{id}/acknowledge', {
      params: { path: { id } },
      body: comment ? { comment } : {},
    });
    return data as Decision;
  }

  async loopStatus(): Promise<LoopStatus> {
    const { data } = await (await this.client()).GET('/loop');
    return data as LoopStatus;
  }

  /** A non-2xx answer throws ResponseError, with the backend's message. */
  private async client(): Promise<CyberneticsBackendClient> {
    return createCyberneticsBackendClient({
      baseUrl: await this.discoveryApi.getBaseUrl('cybernetics'),
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
