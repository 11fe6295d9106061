import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  HomelabNeighbours,
  validateHomelabEntity,
} from '@homelab-portal/plugin-homelab-common';

/**
 * The homelab's VLANs and devices as the catalog holds them, indexed for the
 * cross-entity checks (duplicate VLAN ids, overlapping subnets, duplicate
 * MAC and IP addresses, addresses outside their VLAN). Read at most once per
 * `maxAgeMs` however many entities are processed meanwhile; a read that
 * fails leaves the checks to the next one.
 */
export class CatalogNeighbours {
  private cached?: { at: number; index: Promise<HomelabNeighbours> };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      maxAgeMs: number;
    },
  ) {}

  get(): Promise<HomelabNeighbours> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.deps.maxAgeMs) {
      const index = this.read();
      this.cached = { at: now, index };
      index.catch(() => {
        if (this.cached?.index === index) this.cached = undefined;
      });
    }
    return this.cached.index;
  }

  private async read(): Promise<HomelabNeighbours> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': ['vlan', 'compute-node', 'nas', 'network-switch'],
        },
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return new HomelabNeighbours(
      items.filter((e: Entity) => validateHomelabEntity(e).length === 0),
    );
  }
}
