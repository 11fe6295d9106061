import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { interfaceProblems, vlanProblems } from './vlanChecks';

// The seed homelab's own VLANs and devices, as the catalog holds them.
const catalogDir = path.resolve(__dirname, '../../../../../../catalog');
const catalog: Entity[] = ['network.yaml', 'hardware.yaml'].flatMap(file =>
  parseAllDocuments(fs.readFileSync(path.join(catalogDir, file), 'utf8')).map(
    document => document.toJS() as Entity,
  ),
);

const good = {
  vlanId: 60,
  subnet: '10.0.60.0/24',
  gateway: '10.0.60.1',
};

describe('vlanProblems (the Add-a-VLAN form)', () => {
  it('has the seed VLANs to check against', () => {
    expect(
      catalog
        .filter(e => (e.spec as any)?.type === 'vlan')
        .map(e => e.metadata.name),
    ).toContain('vlan-20-server-lab');
  });

  it('accepts a VLAN that clashes with nothing', () => {
    for (const part of ['id', 'subnet', 'gateway'] as const) {
      expect(vlanProblems(good, catalog, part)).toEqual([]);
    }
  });

  it('refuses a VLAN id already in use, naming the VLAN that has it', () => {
    expect(vlanProblems({ ...good, vlanId: 20 }, catalog, 'id')).toEqual([
      'VLAN id 20 is already used by resource:default/vlan-20-server-lab',
    ]);
    // The other fields are not blamed for it.
    expect(vlanProblems({ ...good, vlanId: 20 }, catalog, 'subnet')).toEqual(
      [],
    );
  });

  it('refuses a subnet that overlaps another VLAN', () => {
    expect(
      vlanProblems(
        { ...good, subnet: '10.0.0.0/16', gateway: '10.0.0.1' },
        catalog,
        'subnet',
      ),
    ).toEqual([
      '10.0.0.0/16 overlaps 10.0.10.0/24 of resource:default/vlan-10-management',
      '10.0.0.0/16 overlaps 10.0.20.0/24 of resource:default/vlan-20-server-lab',
      '10.0.0.0/16 overlaps 10.0.30.0/24 of resource:default/vlan-30-user-trusted',
      '10.0.0.0/16 overlaps 10.0.40.0/24 of resource:default/vlan-40-iot-untrusted',
      '10.0.0.0/16 overlaps 10.0.50.0/24 of resource:default/vlan-50-storage',
    ]);
    expect(
      vlanProblems({ ...good, subnet: '10.0.20.128/25' }, catalog, 'subnet'),
    ).toEqual([
      '10.0.20.128/25 overlaps 10.0.20.0/24 of resource:default/vlan-20-server-lab',
    ]);
  });

  it('refuses a gateway outside its subnet', () => {
    expect(
      vlanProblems({ ...good, gateway: '10.0.61.1' }, catalog, 'gateway'),
    ).toEqual(['10.0.61.1 is outside the subnet 10.0.60.0/24']);
  });

  it('refuses a subnet that is not a network address, with the fix', () => {
    expect(
      vlanProblems({ ...good, subnet: '10.0.60.7/24' }, catalog, 'subnet'),
    ).toEqual([
      '"10.0.60.7/24" is not a network address; did you mean 10.0.60.0/24?',
    ]);
    // No gateway verdict against a subnet that is not one.
    expect(
      vlanProblems({ ...good, subnet: '10.0.60.7/24' }, catalog, 'gateway'),
    ).toEqual([]);
  });

  it('says nothing about fields not filled in yet', () => {
    expect(vlanProblems({}, catalog, 'id')).toEqual([]);
    expect(vlanProblems({}, catalog, 'subnet')).toEqual([]);
    expect(vlanProblems({ gateway: '10.0.61.1' }, catalog, 'gateway')).toEqual(
      [],
    );
  });
});

describe('interfaceProblems (the Add-a-hardware-node form)', () => {
  const nic = {
    name: 'eth0',
    mac: '02:00:00:00:00:01',
    vlan: 'resource:default/vlan-20-server-lab',
    address: '10.0.20.99',
  };

  it('accepts an interface with a free address inside its VLAN', () => {
    expect(interfaceProblems([nic], catalog)).toEqual([]);
  });

  it('refuses an address outside the VLAN it is on', () => {
    expect(
      interfaceProblems([{ ...nic, address: '10.0.30.99' }], catalog),
    ).toEqual([
      'eth0: 10.0.30.99 is outside 10.0.20.0/24, the subnet of resource:default/vlan-20-server-lab',
    ]);
  });

  it('refuses an address or MAC another device has, naming it', () => {
    expect(
      interfaceProblems(
        [{ ...nic, address: '10.0.20.11', mac: '6C:4B:90:1A:2B:01' }],
        catalog,
      ),
    ).toEqual([
      expect.stringMatching(
        /^eth0: 6C:4B:90:1A:2B:01 is already used by resource:default\/sff-1 /,
      ),
      expect.stringMatching(
        /^eth0: 10\.0\.20\.11 is already used by resource:default\/sff-1 /,
      ),
    ]);
  });

  it('refuses the same address on two of its own interfaces', () => {
    expect(
      interfaceProblems(
        [nic, { ...nic, name: 'eth1', mac: '02:00:00:00:00:02' }],
        catalog,
      ),
    ).toEqual(['eth1: 10.0.20.99 is already used by this device eth0']);
  });
});
