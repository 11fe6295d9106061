/* eslint-disable no-script-url */ // Script URLs are this file's test data.
import { Entity } from '@backstage/catalog-model';
import { validateHomelabEntity } from './validateEntity';

const vlan = (overrides: Record<string, unknown> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'vlan-20' },
  spec: {
    type: 'vlan',
    owner: 'group:default/admins',
    vlan: {
      id: 20,
      name: 'Server/Lab',
      purpose: 'Compute nodes',
      subnet: '10.0.20.0/24',
      gateway: '10.0.20.1',
      dhcpRange: { start: '10.0.20.100', end: '10.0.20.199' },
      firewall: [
        { action: 'allow', to: 'vlan-50', protocol: 'tcp', ports: [2049] },
      ],
      ...overrides,
    },
  },
});

const node = (hardware: Record<string, unknown> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'sff-1' },
  spec: {
    type: 'compute-node',
    owner: 'group:default/admins',
    hardware: {
      model: 'Lenovo M700',
      cores: 4,
      memoryGiB: 32,
      interfaces: [{ name: 'eno1', mac: '6c:4b:90:1a:2b:01', vlan: 'vlan-20' }],
      ...hardware,
    },
  },
});

const fields = (entity: Entity) =>
  validateHomelabEntity(entity).map(p => `${p.field}: ${p.message}`);

describe('validateHomelabEntity', () => {
  it('accepts a valid VLAN and a valid node', () => {
    expect(validateHomelabEntity(vlan())).toEqual([]);
    expect(validateHomelabEntity(node())).toEqual([]);
  });

  it.each([0, 4095, 'ten', 20.5])('refuses VLAN id %p', id => {
    expect(fields(vlan({ id }))).toEqual([
      expect.stringMatching(/^spec\.vlan\.id: /),
    ]);
  });

  it.each([
    ['10.0.20.0/33', /prefix length over 32/],
    ['10.0.20.0', /not an IPv4 CIDR/],
    ['10.0.300.0/24', /not an IPv4 CIDR/],
    ['10.0.20.7/24', /not a network address; did you mean 10\.0\.20\.0\/24/],
    ['fe80::/64', /not an IPv4 CIDR/],
  ])('refuses subnet %s', (subnet, reason) => {
    expect(fields(vlan({ subnet }))).toEqual([expect.stringMatching(reason)]);
  });

  it('keeps the gateway and the DHCP range inside the subnet and apart', () => {
    expect(fields(vlan({ gateway: '10.0.21.1' }))).toEqual([
      'spec.vlan.gateway: 10.0.21.1 is outside the subnet 10.0.20.0/24',
    ]);
    expect(
      fields(vlan({ dhcpRange: { start: '10.0.20.200', end: '10.0.20.100' } })),
    ).toEqual(['spec.vlan.dhcpRange: starts after it ends']);
    expect(fields(vlan({ gateway: '10.0.20.150' }))).toEqual([
      'spec.vlan.gateway: 10.0.20.150 lies inside the DHCP range',
    ]);
  });

  it('refuses firewall rules with bad actions, targets or ports', () => {
    expect(
      fields(vlan({ firewall: [{ action: 'permit', to: 'internet' }] })),
    ).toEqual(['spec.vlan.firewall[0].action: must be one of "allow", "deny"']);
    expect(
      fields(vlan({ firewall: [{ action: 'allow', to: '../../etc/passwd' }] })),
    ).toEqual(['spec.vlan.firewall[0].to: is not a valid value']);
    expect(
      fields(
        vlan({
          firewall: [{ action: 'allow', to: 'any', ports: ['9000-80'] }],
        }),
      ),
    ).toEqual([
      'spec.vlan.firewall[0].ports: 9000-80 is not a port or port range within 1-65535',
    ]);
  });

  it('names each missing required field', () => {
    const entity = vlan();
    delete (entity.spec as any).vlan.subnet;
    delete (entity.spec as any).owner;
    expect(fields(entity)).toEqual(
      expect.arrayContaining([
        'spec.vlan.subnet: is required',
        'spec.owner: is required',
      ]),
    );
    expect(fields(node({ cores: undefined }))).toEqual([
      'spec.hardware.cores: is required',
    ]);
  });

  it('refuses unknown fields in our blocks (a typo is not silently ignored)', () => {
    expect(fields(node({ memoryGB: 32 }))).toEqual([
      'spec.hardware.memoryGB: is not a known field',
    ]);
  });

  it.each([
    '6c:4b:90:1a:2b',
    '6c-4b-90-1a-2b-01',
    'zz:4b:90:1a:2b:01',
    '6c:4b:90:1a:2b:01\n',
  ])('refuses MAC %j', mac => {
    expect(
      fields(node({ interfaces: [{ name: 'eno1', mac, vlan: 'vlan-20' }] })),
    ).toEqual([
      expect.stringMatching(
        /^spec\.hardware\.interfaces\[0\]\.mac: .*six hex pairs/,
      ),
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' \tjava\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'VBScript:msgbox(1)',
    'file:///etc/passwd',
    '/relative/path',
  ])('refuses the link %j', url => {
    const entity = node();
    entity.metadata.links = [{ url, title: 'x' }];
    expect(fields(entity)).toEqual([
      expect.stringMatching(/^metadata\.links\[0\]\.url: /),
    ]);
  });

  it('refuses script URLs in our URL fields and in annotations of any entity', () => {
    expect(fields(node({ managementUrl: 'javascript:alert(1)' }))).toEqual([
      'spec.hardware.managementUrl: uses the "javascript:" scheme; only http and https links are allowed',
    ]);
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'jellyfin',
        annotations: { 'grafana/dashboard-url': 'DATA:text/html,x' },
      },
      spec: {},
    };
    expect(fields(component)).toEqual([
      'metadata.annotations.grafana/dashboard-url: carries a script-capable URL scheme',
    ]);
  });

  it('accepts https and mailto links', () => {
    const entity = node();
    entity.metadata.links = [
      { url: 'https://sff-1.lab.local' },
      { url: 'mailto:operator@lab.local' },
    ];
    expect(fields(entity)).toEqual([]);
  });

  it('refuses a runs-on annotation that is not an entity ref', () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'jellyfin',
        annotations: { 'homelab-portal.io/runs-on': 'resource:sff-1, a:b:c' },
      },
      spec: {},
    };
    expect(fields(component)).toEqual([
      'metadata.annotations.homelab-portal.io/runs-on: "a:b:c" is not an entity ref',
    ]);
  });

  it('leaves entities outside the model alone', () => {
    const other: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'bucket' },
      spec: { type: 's3-bucket', owner: 'me', whatever: { a: 1 } },
    };
    expect(fields(other)).toEqual([]);
  });

  describe('switch ports', () => {
    const switch1 = (ports: unknown[]): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'switch-1' },
      spec: {
        type: 'network-switch',
        owner: 'group:default/admins',
        hardware: { model: 'CRS309', ports: ports as any },
      },
    });

    it('accepts access and trunk ports', () => {
      expect(
        fields(
          switch1([
            { name: 'sfp1', mode: 'trunk', vlans: ['vlan-20', 'vlan-50'] },
            {
              name: 'sfp2',
              vlans: ['vlan-20'],
              device: 'sff-1',
              interface: 'eno1',
            },
          ]),
        ),
      ).toEqual([]);
    });

    it('refuses a duplicate name, an access port with two VLANs, an interface without a device and unknown fields', () => {
      expect(
        fields(
          switch1([
            { name: 'sfp1', vlans: ['vlan-20'] },
            { name: 'sfp1', vlans: ['vlan-20', 'vlan-50'] },
            { name: 'sfp3', vlans: ['vlan-20'], interface: 'eno1' },
          ]),
        ),
      ).toEqual([
        'spec.hardware.ports[1].name: sfp1 is already the name of another port',
        'spec.hardware.ports[1].vlans: an access port carries exactly one VLAN (it has 2); make it mode: trunk to carry several',
        'spec.hardware.ports[2].interface: names an interface but no device',
      ]);
      expect(fields(switch1([{ name: 'sfp1', vlans: [], poe: true }]))).toEqual(
        [
          'spec.hardware.ports[0].poe: is not a known field',
          'spec.hardware.ports[0].vlans: must NOT have fewer than 1 items',
        ],
      );
    });

    it('refuses ports on a device that is not a switch', () => {
      expect(
        fields(node({ ports: [{ name: 'p1', vlans: ['vlan-20'] }] })),
      ).toEqual(['spec.hardware.ports: is not a known field']);
    });
  });
});
