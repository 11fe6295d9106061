import { refOf, resolveRef } from './refs';
import { FirewallRule, VlanEntity } from './types';

/*
 * What a VLAN's firewall lets through, read as the router reads it: the rules
 * apply in order and the first rule that matches a packet decides. A rule
 * that comes after one matching the same traffic never applies, and a packet
 * no rule matches is dropped.
 */

/** Where a flow goes: the internet, or the ref of a `vlan` Resource. @public */
export const INTERNET = 'internet';

/** The protocols a rule can name; `other` is everything but these three. @public */
export const FLOW_PROTOCOLS = ['tcp', 'udp', 'icmp', 'other'] as const;

/** @public */
export type FlowProtocol = (typeof FLOW_PROTOCOLS)[number];

/** Inclusive port ranges, sorted and disjoint. */
type Ranges = Array<[number, number]>;

const ALL_PORTS: Ranges = [[1, 65535]];
const HAS_PORTS = new Set<FlowProtocol>(['tcp', 'udp']);

/** Traffic of one protocol that a flow lets through. @public */
export interface FlowService {
  protocol: FlowProtocol;
  /** Port ranges for tcp and udp (`[[80, 80], [8000, 8100]]`); `[[1, 65535]]` for all. */
  ports: Array<[number, number]>;
}

/** Traffic a VLAN's firewall lets out towards one destination. @public */
export interface FirewallFlow {
  /** Ref of the VLAN whose rules these are. */
  from: string;
  /** {@link INTERNET} or the ref of a VLAN. */
  to: string;
  /** Per protocol, what gets through; every protocol in it lets something through. */
  services: FlowService[];
  /** Short text: `any`, `tcp 80, 443 · udp 53`, `any except tcp 22`. */
  label: string;
  /** Indexes of the allow rules that let some of it through. */
  rules: number[];
}

/** An allow rule that lets nothing through, because earlier rules decide first. @public */
export interface ShadowedRule {
  /** Index of the allow rule in `spec.vlan.firewall`. */
  index: number;
  /** Indexes of the earlier rules that take all its traffic (denies among them block it). */
  by: number[];
}

function subtract(a: Ranges, b: Ranges): Ranges {
  let result = a;
  for (const [low, high] of b) {
    const next: Ranges = [];
    for (const [l, h] of result) {
      if (high < l || low > h) {
        next.push([l, h]);
        continue;
      }
      if (l < low) next.push([l, low - 1]);
      if (h > high) next.push([high + 1, h]);
    }
    result = next;
  }
  return result;
}

function intersect(a: Ranges, b: Ranges): Ranges {
  const result: Ranges = [];
  for (const [l1, h1] of a) {
    for (const [l2, h2] of b) {
      const low = Math.max(l1, l2);
      const high = Math.min(h1, h2);
      if (low <= high) result.push([low, high]);
    }
  }
  return normalise(result);
}

function normalise(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const result: Ranges = [];
  for (const [low, high] of sorted) {
    const last = result[result.length - 1];
    if (last && low <= last[1] + 1) {
      last[1] = Math.max(last[1], high);
    } else {
      result.push([low, high]);
    }
  }
  return result;
}

const size = (ranges: Ranges) =>
  ranges.reduce((n, [low, high]) => n + high - low + 1, 0);

function portsOf(rule: FirewallRule): Ranges {
  if (!rule.ports || rule.ports.length === 0) return ALL_PORTS;
  return normalise(
    rule.ports.map(port => {
      const [low, high = low] = String(port).split('-').map(Number);
      return [low, high] as [number, number];
    }),
  );
}

/**
 * The traffic of one protocol a rule matches: port ranges (all ports for
 * protocols without ports), or none. A rule with ports and protocol `any`
 * matches those ports of tcp and udp only, as on most routers.
 */
function matches(rule: FirewallRule, protocol: FlowProtocol): Ranges {
  const ruleProtocol = rule.protocol ?? 'any';
  const hasPorts = (rule.ports?.length ?? 0) > 0;
  if (ruleProtocol === 'any') {
    if (!hasPorts) return ALL_PORTS;
    return HAS_PORTS.has(protocol) ? portsOf(rule) : [];
  }
  if (ruleProtocol !== protocol) return [];
  return HAS_PORTS.has(protocol) ? portsOf(rule) : ALL_PORTS;
}

function rangesText(ranges: Ranges): string {
  return ranges
    .map(([low, high]) => (low === high ? `${low}` : `${low}-${high}`))
    .join(', ');
}

/** The text of a flow's services: `any`, `tcp 80, 443 · udp 53`, `any except tcp 22`. */
function describe(services: FlowService[]): string {
  const allowed = new Map(services.map(s => [s.protocol, s.ports]));
  const full = (p: FlowProtocol) =>
    size(allowed.get(p) ?? []) === size(ALL_PORTS);
  if (FLOW_PROTOCOLS.every(full)) return 'any';

  // Mostly open: say what is held back instead.
  const open = FLOW_PROTOCOLS.filter(
    p => size(allowed.get(p) ?? []) > size(ALL_PORTS) / 2,
  );
  if (open.length === FLOW_PROTOCOLS.length) {
    const held = FLOW_PROTOCOLS.filter(p => !full(p)).map(p =>
      HAS_PORTS.has(p)
        ? `${p} ${rangesText(subtract(ALL_PORTS, allowed.get(p)!))}`
        : p,
    );
    return `any except ${held.join(' · ')}`;
  }

  // Same ports on tcp and udp read as one entry.
  const parts: string[] = [];
  const tcp = allowed.get('tcp');
  const udp = allowed.get('udp');
  const same = tcp && udp && rangesText(tcp) === rangesText(udp);
  for (const { protocol, ports } of services) {
    if (same && protocol === 'udp') continue;
    const name = same && protocol === 'tcp' ? 'tcp/udp' : protocol;
    if (!HAS_PORTS.has(protocol)) {
      parts.push(protocol === 'other' ? 'other protocols' : name);
    } else if (full(protocol)) {
      parts.push(`${name} all ports`);
    } else {
      parts.push(`${name} ${rangesText(ports)}`);
    }
  }
  return parts.join(' · ');
}

/** Whether a rule's destination is `to`, as the rule was written in `vlan`. */
function aims(rule: FirewallRule, to: string, vlan: VlanEntity): boolean {
  if (rule.to === 'any') return true;
  if (rule.to === INTERNET) return to === INTERNET;
  return to !== INTERNET && resolveRef(rule.to, vlan) === to;
}

/**
 * The destinations a VLAN's rules can reach: the internet, each VLAN a rule
 * names, and, for rules towards `any`, the VLANs given.
 */
function destinations(vlan: VlanEntity, otherVlans: string[]): string[] {
  const self = refOf(vlan);
  const named = vlan.spec.vlan.firewall
    .filter(rule => rule.to !== 'any' && rule.to !== INTERNET)
    .map(rule => resolveRef(rule.to, vlan))
    .filter((ref): ref is string => Boolean(ref));
  return [
    INTERNET,
    ...new Set([...named, ...otherVlans].filter(ref => ref !== self)),
  ];
}

/**
 * The flows a VLAN's firewall allows, first match wins: for each destination,
 * the traffic that reaches an `allow` rule before any rule that denies it.
 * Traffic within the VLAN does not pass the router and is not a flow.
 *
 * @param otherVlans - refs of the catalog's VLANs, the destinations of rules
 *   towards `any`; without them only the internet and the VLANs a rule names
 *   are considered.
 * @public
 */
export function firewallFlows(
  vlan: VlanEntity,
  otherVlans: string[] = [],
): FirewallFlow[] {
  const rules = vlan.spec.vlan.firewall;
  const flows: FirewallFlow[] = [];
  for (const to of destinations(vlan, otherVlans)) {
    const services: FlowService[] = [];
    const used = new Set<number>();
    for (const protocol of FLOW_PROTOCOLS) {
      let undecided: Ranges = ALL_PORTS;
      let allowed: Ranges = [];
      rules.forEach((rule, index) => {
        if (undecided.length === 0 || !aims(rule, to, vlan)) return;
        const hit = intersect(undecided, matches(rule, protocol));
        if (hit.length === 0) return;
        undecided = subtract(undecided, hit);
        if (rule.action === 'allow') {
          allowed = normalise([...allowed, ...hit]);
          used.add(index);
        }
      });
      if (allowed.length > 0) services.push({ protocol, ports: allowed });
    }
    if (services.length > 0) {
      flows.push({
        from: refOf(vlan),
        to,
        services,
        label: describe(services),
        rules: [...used].sort((a, b) => a - b),
      });
    }
  }
  return flows;
}

/**
 * The allow rules of a VLAN that never let anything through, because for
 * every packet they match an earlier rule decides first (`deny any` before
 * them, or an allow of the same traffic), each with those earlier rules.
 *
 * @param otherVlans - as for {@link firewallFlows}.
 * @public
 */
export function shadowedRules(
  vlan: VlanEntity,
  otherVlans: string[] = [],
): ShadowedRule[] {
  const used = new Set(
    firewallFlows(vlan, otherVlans).flatMap(flow => flow.rules),
  );
  const rules = vlan.spec.vlan.firewall;
  const targets = destinations(vlan, otherVlans);
  const shadowed: ShadowedRule[] = [];
  rules.forEach((rule, index) => {
    if (rule.action !== 'allow' || used.has(index)) return;
    // A rule towards its own VLAN or towards nothing known is not a flow.
    if (!targets.some(to => aims(rule, to, vlan))) return;
    const by = rules
      .slice(0, index)
      .map((earlier, i) => ({ earlier, i }))
      .filter(({ earlier }) =>
        targets.some(
          to =>
            aims(rule, to, vlan) &&
            aims(earlier, to, vlan) &&
            FLOW_PROTOCOLS.some(
              p => intersect(matches(rule, p), matches(earlier, p)).length > 0,
            ),
        ),
      )
      .map(({ i }) => i);
    shadowed.push({ index, by });
  });
  return shadowed;
}
