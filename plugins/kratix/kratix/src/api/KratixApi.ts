import { createApiRef } from '@backstage/core-plugin-api';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';

/** The kratix backend's API. @public */
export interface KratixApi {
  listRequests(filter?: {
    requester?: string;
    promise?: string;
    open?: boolean;
  }): Promise<KratixRequest[]>;
  getRequest(id: string): Promise<KratixRequest>;
}

/** @public */
export const kratixApiRef = createApiRef<KratixApi>({
  id: 'plugin.kratix.service',
});
