import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { HomelabNeighbours } from '@homelab-portal/plugin-homelab-common';
import { HomelabEntitiesProcessor } from './HomelabEntitiesProcessor';

const location = { type: 'file', target: '/catalog/hardware.yaml' };

async function process(entity: Entity, catalog?: Entity[]) {
  const results: CatalogProcessorResult[] = [];
  const neighbours = catalog && {
    get: async () => new HomelabNeighbours(catalog),
  };
  const output = await new HomelabEntitiesProcessor(
    neighbours,
  ).postProcessEntity(entity, location, result => results.push(result));
  const relations = results.flatMap(r =>
    r.type === 'relation'
      ? [
          `${r.relation.source.kind}:${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.name}`,
        ]
      : [],
  );
  const errors = results.flatMap(r =>
    r.type === 'error' ? [`${r.error.name}: ${r.error.message}`] : [],
  );
  return { output, relations, errors };
}

const sff1: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'sff-1' },
  spec: {
    type: 'compute-node',
    owner: 'group:default/admins',
    hardware: {
      model: 'M700',
      cores: 4,
      memoryGiB: 32,
      storage: [{ name: 'nvme0n1', sizeGB: 1000, tier: 'tier-0' }],
      interfaces: [
        { name: 'eno1', mac: '00:00:00:00:00:01', vlan: 'vlan-20' },
        {
          name: 'eno2',
          mac: '00:00:00:00:00:02',
          vlan: 'resource:default/vlan-20',
        },
        { name: 'enp1s0', mac: '00:00:00:00:00:03', vlan: 'vlan-50' },
      ],
    },
  },
};

describe('HomelabEntitiesProcessor', () => {
  it('relates a node to its VLANs and storage tier, in both directions, once each', async () => {
    const { relations, errors, output } = await process(sff1);
    expect(errors).toEqual([]);
    expect(output).toBe(sff1);
    expect(relations.sort()).toEqual(
      [
        'resource:sff-1 attachedTo resource:vlan-20',
        'resource:vlan-20 hasAttached resource:sff-1',
        'resource:sff-1 attachedTo resource:vlan-50',
        'resource:vlan-50 hasAttached resource:sff-1',
        'resource:sff-1 storedOn resource:tier-0',
        'resource:tier-0 stores resource:sff-1',
      ].sort(),
    );
  });

  it('relates a service to where it runs and stores data', async () => {
    const { relations } = await process({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'jellyfin',
        annotations: {
          'homelab-portal.io/runs-on': 'resource:homelab-cluster, sff-1',
          'homelab-portal.io/storage-tier': 'tier-2-nas',
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'admins' },
    });
    expect(relations).toEqual([
      'component:jellyfin runsOn resource:homelab-cluster',
      'resource:homelab-cluster hosts component:jellyfin',
      'component:jellyfin runsOn resource:sff-1',
      'resource:sff-1 hosts component:jellyfin',
      'component:jellyfin storedOn resource:tier-2-nas',
      'resource:tier-2-nas stores component:jellyfin',
    ]);
  });

  it('relates a VLAN to the VLANs its firewall allows, not the denied ones', async () => {
    const { relations } = await process({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'vlan-30' },
      spec: {
        type: 'vlan',
        owner: 'admins',
        vlan: {
          id: 30,
          name: 'Users',
          purpose: 'Trusted devices',
          subnet: '10.0.30.0/24',
          firewall: [
            { action: 'allow', to: 'internet' },
            { action: 'allow', to: 'vlan-20', ports: [443] },
            { action: 'allow', to: 'vlan-20', ports: [53], protocol: 'udp' },
            { action: 'deny', to: 'vlan-10' },
          ],
        },
      },
    });
    expect(relations).toEqual([
      'resource:vlan-30 canReach resource:vlan-20',
      'resource:vlan-20 reachableFrom resource:vlan-30',
    ]);
  });

  const vlanWith = (
    name: string,
    id: number,
    firewall: Array<Record<string, string | number[]>>,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name },
    spec: {
      type: 'vlan',
      owner: 'admins',
      vlan: {
        id,
        name: `VLAN ${id}`,
        purpose: 'Test',
        subnet: `10.0.${id}.0/24`,
        firewall,
      },
    },
  });

  it('relates no VLAN an allow after deny any names: the router never reaches that rule', async () => {
    const { relations } = await process(
      vlanWith('vlan-10', 10, [
        { action: 'deny', to: 'any' },
        { action: 'allow', to: 'vlan-20', protocol: 'tcp', ports: [443] },
      ]),
    );
    expect(relations).toEqual([]);
  });

  it('relates a VLAN whose traffic a specific deny only partly carves out', async () => {
    const { relations } = await process(
      vlanWith('vlan-30', 30, [
        { action: 'deny', to: 'vlan-20', protocol: 'tcp', ports: [22] },
        { action: 'allow', to: 'vlan-20' },
        { action: 'deny', to: 'vlan-40', protocol: 'tcp' },
        { action: 'allow', to: 'vlan-40', protocol: 'tcp', ports: [80] },
      ]),
    );
    expect(relations).toEqual([
      'resource:vlan-30 canReach resource:vlan-20',
      'resource:vlan-20 reachableFrom resource:vlan-30',
    ]);
  });

  it("relates an allow towards any to the catalog's other VLANs", async () => {
    const catalog = [
      vlanWith('vlan-20', 20, []),
      vlanWith('vlan-30', 30, [
        { action: 'deny', to: 'vlan-40', protocol: 'any' },
        { action: 'allow', to: 'any', protocol: 'icmp' },
      ]),
      vlanWith('vlan-40', 40, []),
    ];
    const { relations, errors } = await process(catalog[1], catalog);
    expect(errors).toEqual([]);
    expect(relations).toEqual([
      'resource:vlan-30 canReach resource:vlan-20',
      'resource:vlan-20 reachableFrom resource:vlan-30',
    ]);
  });

  it('reports each problem as an input error naming entity and field, and emits no relations', async () => {
    const broken = structuredClone(sff1);
    (broken.spec as any).hardware.interfaces[0].mac = 'not-a-mac';
    (broken.spec as any).hardware.cores = 0;
    const { relations, errors } = await process(broken);
    expect(relations).toEqual([]);
    expect(errors).toEqual([
      'InputError: resource:default/sff-1: spec.hardware.cores must be >= 1',
      'InputError: resource:default/sff-1: spec.hardware.interfaces[0].mac must be a MAC address: six hex pairs separated by colons',
    ]);
  });
});
