import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DnsReport,
  SecretsReport,
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

/** Talks to the homelab backend with the signed-in user's token. @public */
export class HomelabClient implements HomelabApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getDns(): Promise<DnsReport> {
    return this.get('/dns');
  }

  getSecrets(): Promise<SecretsReport> {
    return this.get('/secrets');
  }

  private async get(path: string) {
    const base = await this.options.discoveryApi.getBaseUrl('homelab');
    const response = await this.options.fetchApi.fetch(`${base}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
