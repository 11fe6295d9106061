import { Entity } from '@backstage/catalog-model';
import { seedEntity } from './__testUtils__/seedCatalog';
import {
  homelabEntityTransformer,
  homelabSearchFields,
} from './entityTransformer';
import { hostTerm, ipTerm, macTerm, networkTerm, vlanTerm } from './terms';

const keysOf = (entity: Entity) =>
  homelabSearchFields(entity).homelabKeys.split(' ');

describe('homelabEntityTransformer', () => {
  it('gives a node its addresses, MACs and hostnames (sff-1 in catalog/)', () => {
    const sff1 = seedEntity('sff-1');
    const keys = keysOf(sff1);
    expect(keys).toEqual(
      expect.arrayContaining([
        ipTerm([10, 0, 20, 11]),
        ipTerm([10, 0, 50, 11]),
        macTerm('6c4b901a2b01'),
        macTerm('0002c93e4f01'),
        hostTerm('sff-1.lab.local'),
        hostTerm('sff-1'),
      ]),
    );
    expect(keys).not.toContain(ipTerm([10, 0, 20, 12]));
    const { homelabAddresses } = homelabSearchFields(sff1);
    expect(homelabAddresses.split(' ')).toEqual(
      expect.arrayContaining([
        '10.0.20.11',
        '6c:4b:90:1a:2b:01',
        '6c4b901a2b01',
        'sff-1.lab.local',
      ]),
    );
  });

  it("gives the NAS its hostname from its interfaces and its link's host", () => {
    const keys = keysOf(seedEntity('nas-1'));
    expect(keys).toEqual(
      expect.arrayContaining([
        hostTerm('nas.lab.local'),
        hostTerm('nas'),
        ipTerm([10, 0, 50, 5]),
        macTerm('001132aabb01'),
      ]),
    );
  });

  it('gives a VLAN its id, subnet and gateway (VLAN 20 in catalog/)', () => {
    const keys = keysOf(seedEntity('vlan-20-server-lab'));
    expect(keys).toEqual(
      expect.arrayContaining([
        vlanTerm(20),
        networkTerm([10, 0, 20, 0], 24),
        ipTerm([10, 0, 20, 1]),
      ]),
    );
    expect(keys).not.toContain(vlanTerm(10));
  });

  it("gives a service its links' hostnames", () => {
    const grafana = homelabSearchFields(seedEntity('grafana'));
    expect(grafana.homelabKeys.split(' ')).toEqual(
      expect.arrayContaining([
        hostTerm('grafana.lab.local'),
        hostTerm('grafana'),
      ]),
    );
    expect(grafana.homelabAddresses).toContain('grafana.lab.local');
  });

  it('records addresses written in a description as mentions', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'printer',
        description:
          'Answers on 10.0.30.40 (MAC 00:11:22:33:44:55), in 10.0.30.0/24.',
      },
      spec: { type: 'service', owner: 'admins', lifecycle: 'production' },
    };
    expect(homelabSearchFields(entity).homelabMentions.split(' ')).toEqual(
      expect.arrayContaining([
        ipTerm([10, 0, 30, 40]),
        macTerm('001122334455'),
        networkTerm([10, 0, 30, 0], 24),
      ]),
    );
  });

  it("keeps Backstage's document and gives every entity the same fields", () => {
    const user = homelabEntityTransformer(seedEntity('vlan-20-server-lab'));
    expect(user).toMatchObject({
      title: 'VLAN 20: Server/Lab',
      kind: 'Resource',
      type: 'vlan',
      namespace: 'default',
    });
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'Admins_Team' },
      spec: { type: 'team', children: [] },
    };
    expect(Object.keys(homelabEntityTransformer(group)).sort()).toEqual(
      Object.keys(user).sort(),
    );
  });

  it('leaves out fields of the wrong type instead of throwing', () => {
    const broken: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'broken', links: [{ url: 'not a url' }] },
      spec: {
        type: 'compute-node',
        hardware: {
          interfaces: [
            null,
            { mac: 42, address: '999.1.1.1', hostname: ['x'] },
            { mac: '00:11:22:33:44:66' },
          ],
          managementUrl: 7,
        },
      },
    };
    const { homelabKeys } = homelabSearchFields(broken);
    expect(homelabKeys.split(' ').sort()).toEqual(
      [hostTerm('broken'), macTerm('001122334466')].sort(),
    );
    const vlan: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'vlan-x' },
      spec: { type: 'vlan', vlan: { id: '20', subnet: 'ten/24' } },
    };
    expect(homelabSearchFields(vlan).homelabKeys).toBe(hostTerm('vlan-x'));
  });
});
