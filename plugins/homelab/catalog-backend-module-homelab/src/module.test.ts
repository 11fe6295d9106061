import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import unprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import request from 'supertest';
import { catalogModuleHomelab } from './module';

const entities = `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: vlan-20 }
spec:
  type: vlan
  owner: group:default/admins
  vlan: { id: 20, name: Lab, purpose: Servers, subnet: 10.0.20.0/24, firewall: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: sff-1 }
spec:
  type: compute-node
  owner: group:default/admins
  hardware:
    model: M700
    cores: 4
    memoryGiB: 32
    interfaces: [{ name: eno1, mac: "00:00:00:00:00:01", vlan: vlan-20 }]
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: vlan-bad
  links: [{ url: "JavaScript:alert(document.cookie)", title: evil }]
spec:
  type: vlan
  owner: group:default/admins
  vlan: { id: 4095, name: Bad, purpose: Broken, subnet: 10.0.99.0/24, firewall: [] }
`;

describe('catalogModuleHomelab in the catalog', () => {
  it('relates valid entities both ways and shows the broken one as a catalog error', async () => {
    const dir = createMockDirectory({ content: { 'homelab.yaml': entities } });
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleHomelab,
        unprocessedModule,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource', 'Location'] }],
              locations: [
                { type: 'file', target: dir.resolve('homelab.yaml') },
              ],
            },
          },
        }),
      ],
    });
    const get = (url: string) =>
      request(server)
        .get(url)
        .set('Authorization', mockCredentials.user.header());

    let vlan: any;
    for (let i = 0; i < 100; i++) {
      vlan = (
        await get('/api/catalog/entities/by-name/resource/default/vlan-20')
      ).body;
      if (vlan?.relations?.some((r: any) => r.type === 'hasAttached')) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    expect(vlan.relations).toContainEqual({
      type: 'hasAttached',
      targetRef: 'resource:default/sff-1',
    });
    const node = (
      await get('/api/catalog/entities/by-name/resource/default/sff-1')
    ).body;
    expect(node.relations).toContainEqual({
      type: 'attachedTo',
      targetRef: 'resource:default/vlan-20',
    });

    // The broken entity is not in the catalog, and its errors are listed.
    expect(
      (await get('/api/catalog/entities/by-name/resource/default/vlan-bad'))
        .status,
    ).toBe(404);
    // An entity that never processed cleanly is listed as pending, with its
    // errors (the "Unprocessed entities" page shows both lists).
    let bad: any;
    for (let i = 0; i < 100 && !bad?.errors; i++) {
      const pending = await get('/api/catalog/entities/unprocessed/pending');
      expect(pending.status).toBe(200);
      bad = pending.body.entities.find(
        (e: any) => e.unprocessed_entity.metadata.name === 'vlan-bad',
      );
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    expect(bad.errors.map((e: any) => e.message)).toEqual(
      expect.arrayContaining([
        'resource:default/vlan-bad: metadata.links[0].url uses the "javascript:" scheme; only http and https links are allowed',
        'resource:default/vlan-bad: spec.vlan.id must be <= 4094',
      ]),
    );
  }, 60_000);

  it('reports clashes across entities in the running catalog, on both sides, as the command does', async () => {
    const clashing = `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: vlan-20 }
spec:
  type: vlan
  owner: group:default/admins
  vlan: { id: 20, name: Lab, purpose: Servers, subnet: 10.0.20.0/24, firewall: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: vlan-20b }
spec:
  type: vlan
  owner: group:default/admins
  vlan: { id: 20, name: Lab too, purpose: Also servers, subnet: 10.0.20.128/25, firewall: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: vlan-30 }
spec:
  type: vlan
  owner: group:default/admins
  vlan: { id: 30, name: Media, purpose: Media, subnet: 10.0.30.0/24, firewall: [] }
`;
    const dir = createMockDirectory({ content: { 'homelab.yaml': clashing } });
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleHomelab,
        mockServices.rootConfig.factory({
          data: {
            homelab: { catalog: { neighboursMaxAgeSeconds: 0 } },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Resource', 'Location'] }],
              locations: [
                { type: 'file', target: dir.resolve('homelab.yaml') },
              ],
            },
          },
        }),
      ],
    });
    const errorsOf = async (name: string): Promise<string[]> => {
      const entity = (
        await request(server)
          .get(`/api/catalog/entities/by-name/resource/default/${name}`)
          .set('Authorization', mockCredentials.user.header())
      ).body;
      return (entity?.status?.items ?? []).map((i: any) => i.error?.message);
    };
    let errors: string[] = [];
    for (let i = 0; i < 150; i++) {
      errors = [
        ...(await errorsOf('vlan-20')),
        ...(await errorsOf('vlan-20b')),
      ];
      if (errors.length >= 4) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    expect(errors.sort()).toEqual([
      'resource:default/vlan-20: spec.vlan.id VLAN id 20 is already used by resource:default/vlan-20b',
      'resource:default/vlan-20: spec.vlan.subnet 10.0.20.0/24 overlaps 10.0.20.128/25 of resource:default/vlan-20b',
      'resource:default/vlan-20b: spec.vlan.id VLAN id 20 is already used by resource:default/vlan-20',
      'resource:default/vlan-20b: spec.vlan.subnet 10.0.20.128/25 overlaps 10.0.20.0/24 of resource:default/vlan-20',
    ]);
    // the VLAN that clashes with nothing stays clean
    expect(await errorsOf('vlan-30')).toEqual([]);
  }, 60_000);
});
