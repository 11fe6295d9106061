import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildTopology } from './buildTopology';

const catalogDir = path.resolve(__dirname, '../../../../catalog');
const load = (file: string) =>
  parseAllDocuments(fs.readFileSync(path.join(catalogDir, file), 'utf8')).map(
    doc => doc.toJS() as Entity,
  );

describe('buildTopology', () => {
  const { nodes, edges } = buildTopology([
    ...load('network.yaml'),
    ...load('hardware.yaml'),
  ]);

  it('draws the five VLANs, the devices and the internet', () => {
    expect(nodes.filter(n => n.type === 'vlan').map(n => n.title)).toEqual([
      'VLAN 10: Management',
      'VLAN 20: Server/Lab',
      'VLAN 30: User/Trusted',
      'VLAN 40: IoT/Untrusted',
      'VLAN 50: Storage',
    ]);
    expect(nodes.filter(n => n.type === 'device').map(n => n.id)).toEqual([
      'resource:default/sff-1',
      'resource:default/sff-2',
      'resource:default/sff-3',
      'resource:default/nas-1',
      'resource:default/switch-1',
    ]);
    expect(nodes.find(n => n.id === 'internet')?.entityRef).toBeUndefined();
  });

  it('draws only allowed flows, merged per target', () => {
    const flows = edges
      .filter(e => e.kind === 'allows')
      .map(e => `${e.from} -> ${e.to}: ${e.label}`);
    expect(flows).toEqual([
      'resource:default/vlan-20-server-lab -> resource:default/vlan-50-storage: allow tcp 2049,3260,445',
      'resource:default/vlan-30-user-trusted -> internet: allow',
      'resource:default/vlan-30-user-trusted -> resource:default/vlan-20-server-lab: allow tcp 80,443; allow udp 53',
      'resource:default/vlan-40-iot-untrusted -> internet: allow',
    ]);
  });

  it('attaches each device to its VLANs with its addresses', () => {
    expect(
      edges
        .filter(e => e.from === 'resource:default/sff-1')
        .map(e => `${e.to}: ${e.label}`),
    ).toEqual([
      'resource:default/vlan-20-server-lab: 10.0.20.11',
      'resource:default/vlan-50-storage: 10.0.50.11',
    ]);
  });
});
