import { FirewallRule, VlanEntity } from './types';
import { INTERNET, firewallFlows, shadowedRules } from './flows';

const vlan = (firewall: FirewallRule[], name = 'vlan-30'): VlanEntity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: {
    type: 'vlan',
    owner: 'group:default/admins',
    vlan: {
      id: 30,
      name: 'Users',
      purpose: 'Trusted devices',
      subnet: '10.0.30.0/24',
      firewall,
    },
  },
});

const V20 = 'resource:default/vlan-20';
const V40 = 'resource:default/vlan-40';
const V50 = 'resource:default/vlan-50';

const flows = (rules: FirewallRule[], others: string[] = []) =>
  firewallFlows(vlan(rules), others).map(f => `${f.to}: ${f.label}`);

describe('firewallFlows: first match wins', () => {
  it('draws no flow for an allow that comes after deny any', () => {
    expect(
      flows([
        { action: 'deny', to: 'any' },
        { action: 'allow', to: 'vlan-20', protocol: 'tcp', ports: [443] },
        { action: 'allow', to: 'internet' },
      ]),
    ).toEqual([]);
    expect(
      shadowedRules(
        vlan([
          { action: 'deny', to: 'any' },
          { action: 'allow', to: 'vlan-20', protocol: 'tcp', ports: [443] },
        ]),
      ),
    ).toEqual([{ index: 1, by: [0] }]);
  });

  it('keeps the allows before deny any, and only those', () => {
    expect(
      flows([
        { action: 'allow', to: 'vlan-50', protocol: 'tcp', ports: [2049] },
        { action: 'deny', to: 'any' },
        { action: 'allow', to: 'internet' },
      ]),
    ).toEqual([`${V50}: tcp 2049`]);
  });

  it('lets a specific deny before a broad allow carve its traffic out', () => {
    const result = firewallFlows(
      vlan([
        { action: 'deny', to: 'vlan-20', protocol: 'tcp', ports: [22] },
        { action: 'allow', to: 'any' },
      ]),
      [V20, V40],
    );
    expect(result.map(f => `${f.to}: ${f.label}`)).toEqual([
      `${INTERNET}: any`,
      `${V20}: any except tcp 22`,
      `${V40}: any`,
    ]);
    const tcp = result[1].services.find(s => s.protocol === 'tcp');
    expect(tcp?.ports).toEqual([
      [1, 21],
      [23, 65535],
    ]);
  });

  it('lets a broad deny before a specific allow win', () => {
    expect(
      flows([
        { action: 'deny', to: 'vlan-20', protocol: 'tcp' },
        { action: 'allow', to: 'vlan-20', protocol: 'tcp', ports: [443] },
        { action: 'allow', to: 'vlan-20', protocol: 'udp', ports: [53] },
      ]),
    ).toEqual([`${V20}: udp 53`]);
  });

  it('matches by protocol and port, ranges included', () => {
    expect(
      flows([
        {
          action: 'deny',
          to: 'vlan-20',
          protocol: 'tcp',
          ports: ['8000-8009'],
        },
        {
          action: 'allow',
          to: 'vlan-20',
          protocol: 'tcp',
          ports: [80, 443, '8000-8100'],
        },
        { action: 'allow', to: 'vlan-20', protocol: 'udp', ports: [443] },
        { action: 'allow', to: 'vlan-20', protocol: 'icmp' },
        { action: 'deny', to: 'any' },
      ]),
    ).toEqual([`${V20}: tcp 80, 443, 8010-8100 · udp 443 · icmp`]);
  });

  it('reads ports without a protocol as tcp and udp, and says so once', () => {
    expect(flows([{ action: 'allow', to: 'vlan-20', ports: [53] }])).toEqual([
      `${V20}: tcp/udp 53`,
    ]);
  });

  it('drops what no rule allows: the router denies by default', () => {
    expect(flows([])).toEqual([]);
    expect(
      flows([{ action: 'allow', to: 'internet', protocol: 'tcp' }]),
    ).toEqual([`${INTERNET}: tcp all ports`]);
  });

  it('sends rules towards any to the VLANs given, never to the VLAN itself', () => {
    expect(
      flows(
        [{ action: 'allow', to: 'any', protocol: 'icmp' }],
        ['resource:default/vlan-30', V20],
      ),
    ).toEqual([`${INTERNET}: icmp`, `${V20}: icmp`]);
  });

  it('names the earlier allow that takes all of a duplicate allow', () => {
    const rules: FirewallRule[] = [
      { action: 'allow', to: 'vlan-20', protocol: 'tcp', ports: [443] },
      { action: 'allow', to: 'vlan-20', protocol: 'tcp', ports: [443] },
    ];
    expect(firewallFlows(vlan(rules))[0].rules).toEqual([0]);
    expect(shadowedRules(vlan(rules))).toEqual([{ index: 1, by: [0] }]);
  });
});
