import { Entity } from '@backstage/catalog-model';
import { validateHomelabCatalog } from './validateCatalog';

function resource(name: string, spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name },
    spec: { owner: 'group:default/admins', ...spec },
  };
}

const admins: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'admins' },
  spec: { type: 'team', children: [] },
};

const vlan = (
  name: string,
  id: number,
  subnet: string,
  firewall: object[] = [],
) =>
  resource(name, {
    type: 'vlan',
    vlan: { id, name, purpose: 'test', subnet, firewall },
  });

const node = (name: string, interfaces: object[]) =>
  resource(name, {
    type: 'compute-node',
    hardware: { model: 'M700', cores: 4, memoryGiB: 32, interfaces },
  });

const messages = (entities: Entity[]) =>
  validateHomelabCatalog(entities).map(
    p => `${p.entityRef} ${p.field}: ${p.message}`,
  );

describe('validateHomelabCatalog', () => {
  const vlan20 = vlan('vlan-20', 20, '10.0.20.0/24');

  it('finds nothing wrong with a consistent set', () => {
    expect(
      messages([
        admins,
        vlan20,
        node('sff-1', [
          {
            name: 'eno1',
            mac: '00:00:00:00:00:01',
            vlan: 'vlan-20',
            address: '10.0.20.11',
          },
        ]),
      ]),
    ).toEqual([]);
  });

  it('reports an unknown VLAN, and a ref to something that is not a VLAN', () => {
    expect(
      messages([
        admins,
        vlan20,
        node('sff-1', [
          { name: 'eno1', mac: '00:00:00:00:00:01', vlan: 'vlan-99' },
          { name: 'eno2', mac: '00:00:00:00:00:02', vlan: 'group:admins' },
        ]),
      ]),
    ).toEqual([
      'resource:default/sff-1 spec.hardware.interfaces[0].vlan: refers to resource:default/vlan-99, which does not exist',
      'resource:default/sff-1 spec.hardware.interfaces[1].vlan: refers to group:default/admins, which is not a VLAN',
    ]);
  });

  it('reports a duplicate VLAN id and overlapping subnets', () => {
    expect(
      messages([admins, vlan20, vlan('vlan-20b', 20, '10.0.20.128/25')]),
    ).toEqual([
      // each side of a clash is reported, naming the other
      'resource:default/vlan-20 spec.vlan.id: VLAN id 20 is already used by resource:default/vlan-20b',
      'resource:default/vlan-20 spec.vlan.subnet: 10.0.20.0/24 overlaps 10.0.20.128/25 of resource:default/vlan-20b',
      'resource:default/vlan-20b spec.vlan.id: VLAN id 20 is already used by resource:default/vlan-20',
      'resource:default/vlan-20b spec.vlan.subnet: 10.0.20.128/25 overlaps 10.0.20.0/24 of resource:default/vlan-20',
    ]);
  });

  it('reports duplicate MAC and IP addresses, and an address outside its VLAN', () => {
    expect(
      messages([
        admins,
        vlan20,
        node('sff-1', [
          {
            name: 'eno1',
            mac: 'AA:00:00:00:00:01',
            vlan: 'vlan-20',
            address: '10.0.20.11',
          },
        ]),
        node('sff-2', [
          {
            name: 'eno1',
            mac: 'aa:00:00:00:00:01',
            vlan: 'vlan-20',
            address: '10.0.20.11',
          },
          {
            name: 'eno2',
            mac: 'aa:00:00:00:00:02',
            vlan: 'vlan-20',
            address: '10.0.30.5',
          },
        ]),
      ]),
    ).toEqual([
      'resource:default/sff-1 spec.hardware.interfaces[0].mac: AA:00:00:00:00:01 is already used by resource:default/sff-2 eno1',
      'resource:default/sff-1 spec.hardware.interfaces[0].address: 10.0.20.11 is already used by resource:default/sff-2 eno1',
      'resource:default/sff-2 spec.hardware.interfaces[0].mac: aa:00:00:00:00:01 is already used by resource:default/sff-1 eno1',
      'resource:default/sff-2 spec.hardware.interfaces[0].address: 10.0.20.11 is already used by resource:default/sff-1 eno1',
      'resource:default/sff-2 spec.hardware.interfaces[1].address: 10.0.30.5 is outside 10.0.20.0/24, the subnet of resource:default/vlan-20',
    ]);
  });

  it('reports dangling references in standard fields and our annotations', () => {
    const service: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'jellyfin',
        annotations: {
          'homelab-portal.io/runs-on': 'sff-9',
          'homelab-portal.io/storage-tier': 'vlan-20',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'nobody',
        system: 'media',
        dependsOn: ['component:nginx'],
      },
    };
    expect(messages([admins, vlan20, service])).toEqual([
      'component:default/jellyfin spec.owner: refers to group:default/nobody, which does not exist',
      'component:default/jellyfin spec.system: refers to system:default/media, which does not exist',
      'component:default/jellyfin spec.dependsOn: refers to component:default/nginx, which does not exist',
      'component:default/jellyfin metadata.annotations.homelab-portal.io/runs-on: refers to resource:default/sff-9, which does not exist',
      'component:default/jellyfin metadata.annotations.homelab-portal.io/storage-tier: refers to resource:default/vlan-20, which is not a storage tier',
    ]);
  });

  it('reports a firewall rule towards a VLAN that does not exist', () => {
    expect(
      messages([
        admins,
        vlan('vlan-30', 30, '10.0.30.0/24', [
          { action: 'allow', to: 'vlan-77' },
        ]),
      ]),
    ).toEqual([
      'resource:default/vlan-30 spec.vlan.firewall[0].to: refers to resource:default/vlan-77, which does not exist',
    ]);
  });

  describe('switch ports', () => {
    const vlan50 = vlan('vlan-50', 50, '10.0.50.0/24');
    const sff1 = node('sff-1', [
      { name: 'eno1', mac: '00:00:00:00:00:01', vlan: 'vlan-20' },
      { name: 'enp1s0', mac: '00:00:00:00:00:02', vlan: 'vlan-50' },
    ]);
    const switch1 = (ports: object[]) =>
      resource('switch-1', {
        type: 'network-switch',
        hardware: { model: 'CRS309', ports },
      });

    it('accepts ports cabled to the interfaces on their VLANs', () => {
      expect(
        messages([
          admins,
          vlan20,
          vlan50,
          sff1,
          switch1([
            {
              name: 'sfp1',
              mode: 'trunk',
              vlans: ['vlan-20', 'vlan-50'],
              description: 'Uplink to the router',
            },
            {
              name: 'sfp2',
              vlans: ['vlan-20'],
              device: 'sff-1',
              interface: 'eno1',
            },
            {
              name: 'sfp3',
              vlans: ['vlan-50'],
              device: 'sff-1',
              interface: 'enp1s0',
            },
          ]),
        ]),
      ).toEqual([]);
    });

    it('reports an unknown VLAN or device, a missing interface, the wrong VLAN and a cable plugged twice', () => {
      expect(
        messages([
          admins,
          vlan20,
          vlan50,
          sff1,
          switch1([
            { name: 'sfp1', vlans: ['vlan-99'] },
            { name: 'sfp2', vlans: ['vlan-20'], device: 'sff-9' },
            {
              name: 'sfp3',
              vlans: ['vlan-20'],
              device: 'sff-1',
              interface: 'eth7',
            },
            {
              name: 'sfp4',
              vlans: ['vlan-20'],
              device: 'sff-1',
              interface: 'enp1s0',
            },
            {
              name: 'sfp5',
              vlans: ['vlan-20'],
              device: 'sff-1',
              interface: 'eno1',
            },
            {
              name: 'sfp6',
              vlans: ['vlan-20'],
              device: 'sff-1',
              interface: 'eno1',
            },
          ]),
        ]),
      ).toEqual([
        'resource:default/switch-1 spec.hardware.ports[0].vlans[0]: refers to resource:default/vlan-99, which does not exist',
        'resource:default/switch-1 spec.hardware.ports[1].device: refers to resource:default/sff-9, which does not exist',
        'resource:default/switch-1 spec.hardware.ports[2].interface: resource:default/sff-1 has no interface eth7',
        'resource:default/switch-1 spec.hardware.ports[3].vlans: do not include resource:default/vlan-50, the VLAN of resource:default/sff-1 enp1s0',
        'resource:default/switch-1 spec.hardware.ports[5].interface: resource:default/sff-1 eno1 is already plugged into resource:default/switch-1 sfp5',
      ]);
    });
  });

  it('reports an entity defined twice', () => {
    expect(messages([admins, vlan20, vlan20])).toContain(
      'resource:default/vlan-20 metadata.name: is defined twice',
    );
  });
});
