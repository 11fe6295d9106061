import { Entity } from '@backstage/catalog-model';
import {
  FirewallRule,
  isHardwareEntity,
  isVlanEntity,
  refOf,
  resolveRef,
} from '@homelab-portal/plugin-homelab-common';

/** A box in the topology picture. */
export interface TopologyNode {
  id: string;
  title: string;
  subtitle?: string;
  type: 'vlan' | 'device' | 'internet';
  /** The entity the box opens; none for the internet. */
  entityRef?: string;
}

/** A line: a device on a VLAN, or traffic a VLAN's firewall allows. */
export interface TopologyEdge {
  from: string;
  to: string;
  label: string;
  kind: 'attached' | 'allows';
}

export const INTERNET_NODE_ID = 'internet';

function ruleLabel(rule: FirewallRule): string {
  const protocol =
    rule.protocol && rule.protocol !== 'any' ? rule.protocol : '';
  const ports = rule.ports?.join(',') ?? '';
  return ['allow', protocol, ports].filter(Boolean).join(' ');
}

/**
 * The network as VLANs, the devices attached to them and the flows their
 * firewalls allow, from catalog entities. Rules towards a VLAN that is not in
 * the set are left out rather than drawn to nowhere.
 */
export function buildTopology(entities: Entity[]): {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
} {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const vlans = entities.filter(isVlanEntity);
  const vlanRefs = new Set(vlans.map(refOf));

  for (const vlan of vlans) {
    const { id, name, subnet } = vlan.spec.vlan;
    nodes.push({
      id: refOf(vlan),
      title: `VLAN ${id}: ${name}`,
      subtitle: subnet,
      type: 'vlan',
      entityRef: refOf(vlan),
    });
  }

  let internet = false;
  for (const vlan of vlans) {
    const byTarget = new Map<string, string[]>();
    for (const rule of vlan.spec.vlan.firewall) {
      if (rule.action !== 'allow' || rule.to === 'any') continue;
      const target =
        rule.to === 'internet' ? INTERNET_NODE_ID : resolveRef(rule.to, vlan);
      if (!target || (target !== INTERNET_NODE_ID && !vlanRefs.has(target))) {
        continue;
      }
      internet ||= target === INTERNET_NODE_ID;
      byTarget.set(target, [...(byTarget.get(target) ?? []), ruleLabel(rule)]);
    }
    for (const [target, labels] of byTarget) {
      edges.push({
        from: refOf(vlan),
        to: target,
        label: labels.join('; '),
        kind: 'allows',
      });
    }
  }
  if (internet) {
    nodes.push({ id: INTERNET_NODE_ID, title: 'Internet', type: 'internet' });
  }

  for (const device of entities.filter(isHardwareEntity)) {
    const attached = new Map<string, string[]>();
    for (const nic of device.spec.hardware.interfaces ?? []) {
      const vlan = resolveRef(nic.vlan, device);
      if (vlan && vlanRefs.has(vlan)) {
        attached.set(vlan, [
          ...(attached.get(vlan) ?? []),
          nic.address ?? nic.name,
        ]);
      }
    }
    nodes.push({
      id: refOf(device),
      title: device.metadata.title ?? device.metadata.name,
      subtitle: device.spec.type,
      type: 'device',
      entityRef: refOf(device),
    });
    for (const [vlan, addresses] of attached) {
      edges.push({
        from: refOf(device),
        to: vlan,
        label: addresses.join(', '),
        kind: 'attached',
      });
    }
  }
  return { nodes, edges };
}
