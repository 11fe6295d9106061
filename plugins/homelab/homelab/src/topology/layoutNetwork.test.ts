import { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Box, NetworkLayout, layoutNetwork } from './layoutNetwork';

const catalogDir = path.resolve(__dirname, '../../../../../catalog');
const load = (file: string) =>
  parseAllDocuments(fs.readFileSync(path.join(catalogDir, file), 'utf8')).map(
    doc => doc.toJS() as Entity,
  );
const seed = () => [...load('network.yaml'), ...load('hardware.yaml')];

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether a point lies on one of a polyline's axis-parallel segments. */
function onLine(points: Array<[number, number]>, [x, y]: [number, number]) {
  return points.slice(1).some(([x2, y2], i) => {
    const [x1, y1] = points[i];
    return (
      x >= Math.min(x1, x2) &&
      x <= Math.max(x1, x2) &&
      y >= Math.min(y1, y2) &&
      y <= Math.max(y1, y2)
    );
  });
}

function expectReadable(layout: NetworkLayout, { crossings = false } = {}) {
  const regionById = new Map(layout.regions.map(r => [r.id, r]));
  for (const card of layout.cards) {
    expect(inside(card, regionById.get(card.regionId)!)).toBe(true);
  }
  for (const flow of layout.flows) {
    expect(flow.label).not.toBe('');
    const { x, y, w, h } = flow.labelBox;
    expect(onLine(flow.points, [x + w / 2, y + h / 2])).toBe(true);
  }
  const boxes = [...layout.cards, ...layout.flows.map(f => f.labelBox)];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach(b => expect(overlap(a, b)).toBe(false)),
  );
  // no other flow's line runs through a label
  for (const flow of crossings ? [] : layout.flows) {
    for (const other of layout.flows.filter(o => o !== flow)) {
      const { x, y, w, h } = flow.labelBox;
      const crossing = other.points.slice(1).some(([x2, y2], i) => {
        const [x1, y1] = other.points[i];
        return overlap(
          { x, y, w, h },
          {
            x: Math.min(x1, x2),
            y: Math.min(y1, y2),
            w: Math.abs(x2 - x1) || 0.1,
            h: Math.abs(y2 - y1) || 0.1,
          },
        );
      });
      expect(crossing).toBe(false);
    }
  }
}

describe('layoutNetwork on the seed catalog', () => {
  const layout = layoutNetwork(seed());

  it('draws a region per VLAN, in id order, and the internet', () => {
    expect(layout.regions.map(r => r.title)).toEqual([
      'VLAN 10 · Management',
      'VLAN 20 · Server/Lab',
      'VLAN 30 · User/Trusted',
      'VLAN 40 · IoT/Untrusted',
      'VLAN 50 · Storage',
      'Internet',
    ]);
  });

  it('puts every device interface inside its VLAN region', () => {
    const where = layout.cards
      .filter(c => c.entityRef)
      .map(c => `${c.id} in ${c.regionId}`)
      .sort();
    expect(where).toEqual(
      [
        'resource:default/nas-1 eth0 in resource:default/vlan-50-storage',
        'resource:default/nas-1 eth1 in resource:default/vlan-10-management',
        'resource:default/sff-1 eno1 in resource:default/vlan-20-server-lab',
        'resource:default/sff-1 enp1s0 in resource:default/vlan-50-storage',
        'resource:default/sff-2 eno1 in resource:default/vlan-20-server-lab',
        'resource:default/sff-2 enp1s0 in resource:default/vlan-50-storage',
        'resource:default/sff-3 eno1 in resource:default/vlan-20-server-lab',
        'resource:default/sff-3 enp1s0 in resource:default/vlan-50-storage',
        'resource:default/switch-1 ether1 in resource:default/vlan-10-management',
      ].sort(),
    );
    expectReadable(layout);
  });

  it('draws the switch with its nine ports, each cabled to what is plugged in', () => {
    expect(layout.switches).toHaveLength(1);
    const ports = layout.switches[0].ports;
    expect(ports.map(p => p.name)).toEqual([
      'ether1',
      ...[1, 2, 3, 4, 5, 6, 7, 8].map(n => `sfp-sfpplus${n}`),
    ]);
    expect(ports[1]).toMatchObject({ trunk: true, colors: [0, 1, 2, 3, 4] });
    const cabled = layout.cables.map(c => `${c.portId} -> ${c.cardId}`);
    expect(cabled).toContain(
      'resource:default/switch-1#sfp-sfpplus5 -> resource:default/sff-1 enp1s0',
    );
    expect(cabled).toContain(
      'resource:default/switch-1#sfp-sfpplus1 -> resource:default/switch-1#sfp-sfpplus1 peer',
    );
    // each cable is one horizontal line from its port to its card
    for (const cable of layout.cables) {
      expect(cable.points).toHaveLength(2);
      expect(cable.points[0][1]).toBe(cable.points[1][1]);
      const card = layout.cards.find(c => c.id === cable.cardId)!;
      expect(cable.points[1][0]).toBe(card.x);
    }
  });

  it('draws the allowed flows, each labelled with protocol and ports', () => {
    expect(layout.flows.map(f => `${f.id}: ${f.label}`).sort()).toEqual([
      'resource:default/vlan-20-server-lab -> resource:default/vlan-50-storage: tcp 445, 2049, 3260',
      'resource:default/vlan-30-user-trusted -> internet: any',
      'resource:default/vlan-30-user-trusted -> resource:default/vlan-20-server-lab: tcp 80, 443 · udp 53',
      'resource:default/vlan-40-iot-untrusted -> internet: any',
    ]);
    expect(layout.shadowed).toEqual([]);
  });
});

describe('layoutNetwork with rules that never apply', () => {
  const entities = seed().map(e => {
    if (e.metadata.name !== 'vlan-10-management') return e;
    const copy = structuredClone(e);
    (copy.spec as any).vlan.firewall.push(
      {
        action: 'allow',
        to: 'resource:default/vlan-20-server-lab',
        protocol: 'tcp',
        ports: [22],
      },
      { action: 'allow', to: 'internet' },
    );
    return copy;
  });
  const layout = layoutNetwork(entities);

  it('draws no edge for an allow shadowed by deny any, and names it', () => {
    expect(
      layout.flows.filter(
        f => f.from === 'resource:default/vlan-10-management',
      ),
    ).toEqual([]);
    expect(layout.shadowed.map(s => s.text)).toEqual([
      'VLAN 10: rule 2 (allow to resource:default/vlan-20-server-lab) never applies, rule 1 decides first',
      'VLAN 10: rule 3 (allow to internet) never applies, rule 1 decides first',
    ]);
    expectReadable(layout);
  });
});

describe('layoutNetwork on a busier network', () => {
  // every VLAN may reach every other on a port of its own: twenty flows
  const entities = seed().map(e => {
    if ((e.spec as any)?.type !== 'vlan') return e;
    const copy = structuredClone(e);
    (copy.spec as any).vlan.firewall = [
      { action: 'allow', to: 'any', protocol: 'tcp', ports: [9100] },
      { action: 'allow', to: 'internet', protocol: 'udp', ports: [123] },
    ];
    return copy;
  });

  // Twenty-five flows between six columns cross each other; their labels
  // stay on their lines and off each other and off the cards.
  it('keeps every label on its line, off the other labels and the cards', () => {
    const layout = layoutNetwork(entities);
    expect(layout.flows).toHaveLength(25);
    expectReadable(layout, { crossings: true });
  });
});

describe('layoutNetwork without a switch', () => {
  it('still places each interface in its VLAN', () => {
    const layout = layoutNetwork(
      seed().filter(e => e.metadata.name !== 'switch-1'),
    );
    expect(layout.switches).toEqual([]);
    expect(layout.cables).toEqual([]);
    expect(layout.cards).toHaveLength(8);
    expectReadable(layout);
  });
});
