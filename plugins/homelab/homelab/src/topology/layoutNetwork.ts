import { Entity } from '@backstage/catalog-model';
import {
  INTERNET,
  firewallFlows,
  isHardwareEntity,
  isVlanEntity,
  refOf,
  shadowedRules,
} from '@homelab-portal/plugin-homelab-common';
import {
  CARD_H,
  CARD_W,
  COL_GAP,
  COL_W,
  CableLine,
  CardBox,
  FlowLine,
  HEADER_H,
  INTERNET_REGION,
  LABEL_H,
  MARGIN,
  NetworkLayout,
  PORT,
  Point,
  ROW_H,
  RegionBox,
  SWITCH_GAP,
  SWITCH_W,
  SwitchBox,
  TRACK_H,
  labelWidth,
  titleOf,
  wrap,
} from './networkLayout';
import { placeRows } from './placeRows';

/*
 * The network as a diagram, laid out on a grid by construction rather than
 * by a general graph layout: the switch on the left with its ports top to
 * bottom, one column (a region) per VLAN and one for the internet, and one
 * row per port. A device's interface sits in its VLAN's column, on the row
 * of the port it is plugged into, so every cable is a straight horizontal
 * line that crosses no other cable and no other card. Flows run above the
 * columns, each in a track of its own where it would overlap another, with
 * its label on its horizontal segment.
 */

export { INTERNET_REGION, labelWidth, wrap } from './networkLayout';
export type {
  Box,
  CableLine,
  CardBox,
  FlowLine,
  NetworkLayout,
  Point,
  PortBox,
  RegionBox,
  ShadowedNote,
  SwitchBox,
} from './networkLayout';

/** Lays out the network of the given VLANs and devices. */
export function layoutNetwork(entities: Entity[]): NetworkLayout {
  const vlans = entities
    .filter(isVlanEntity)
    .sort((a, b) => a.spec.vlan.id - b.spec.vlan.id);
  const vlanRefs = vlans.map(refOf);
  const columnOf = new Map(vlanRefs.map((ref, i) => [ref, i]));
  const internetColumn = vlans.length;
  const devices = entities.filter(isHardwareEntity);
  const { placements, switchRows, ports, portRows, rows } = placeRows(
    devices,
    columnOf,
    internetColumn,
  );

  // Columns.
  const columnX = (c: number) =>
    MARGIN + SWITCH_W + SWITCH_GAP + c * (COL_W + COL_GAP);
  const width = columnX(internetColumn) + COL_W + MARGIN;

  // Flows, first match wins, towards the VLANs drawn and the internet.
  const rawFlows = vlans.flatMap(v => firewallFlows(v, vlanRefs));
  const flowColumn = (to: string) =>
    to === INTERNET ? internetColumn : columnOf.get(to);
  const flows = rawFlows.filter(f => flowColumn(f.to) !== undefined);

  // Where each flow meets its columns: spread along the column's top, those
  // towards the left first; on each side the farther flows (in higher
  // tracks) outside the nearer ones, so that their stubs do not cross them.
  const ends = new Map<number, Array<{ flow: number; other: number }>>();
  flows.forEach((f, i) => {
    const a = columnOf.get(f.from)!;
    const b = flowColumn(f.to)!;
    ends.set(a, [...(ends.get(a) ?? []), { flow: i, other: b }]);
    ends.set(b, [...(ends.get(b) ?? []), { flow: i, other: a }]);
  });
  const endX = new Map<string, number>();
  for (const [column, list] of ends) {
    // Towards the left: nearer first; towards the right: farther first.
    // Ties (two flows between the same columns) nest: the first outside.
    const key = (e: { flow: number; other: number }) =>
      e.other < column ? [0, -e.other, -e.flow] : [1, -e.other, e.flow];
    list.sort((p, q) => {
      const [a, b] = [key(p), key(q)];
      return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    });
    list.forEach(({ flow, other }, k) => {
      const x = columnX(column) + ((k + 1) * COL_W) / (list.length + 1);
      endX.set(`${flow}:${other}:${column}`, x);
    });
  }
  const xAt = (flow: number, column: number, other: number) =>
    endX.get(`${flow}:${other}:${column}`)!;

  // Tracks: shorter flows nearer the columns; a flow takes the lowest track
  // where neither its line nor its label overlaps another's.
  const spans = flows.map((f, i) => {
    const a = columnOf.get(f.from)!;
    const b = flowColumn(f.to)!;
    const x1 = xAt(i, a, b);
    const x2 = xAt(i, b, a);
    const w = labelWidth(f.label);
    const mid = (x1 + x2) / 2;
    return {
      i,
      x1,
      x2,
      low: Math.min(x1, x2, mid - w / 2) - 8,
      high: Math.max(x1, x2, mid + w / 2) + 8,
    };
  });
  const trackOf = new Map<number, number>();
  const taken: Array<Array<[number, number]>> = [];
  for (const s of [...spans].sort(
    (p, q) => p.high - p.low - (q.high - q.low) || p.i - q.i,
  )) {
    let t = 0;
    while (
      (taken[t] ?? []).some(([low, high]) => s.low < high && low < s.high)
    ) {
      t++;
    }
    taken[t] = [...(taken[t] ?? []), [s.low, s.high]];
    trackOf.set(s.i, t);
  }
  // A label sits on its flow's horizontal segment, slid away from the
  // stubs of the flows above that cross its track. Where no place is clear,
  // the flow moves to a track of its own above the others (none crosses it).
  const labelX = (i: number): number | undefined => {
    const s = spans[i];
    const w = labelWidth(flows[i].label);
    const t = trackOf.get(i)!;
    // in the way: the stubs of the flows above, and the flows of this track
    const obstacles: Array<[number, number]> = spans.flatMap(o => {
      const ot = trackOf.get(o.i)!;
      if (ot > t)
        return [
          [o.x1, o.x1] as [number, number],
          [o.x2, o.x2] as [number, number],
        ];
      if (ot === t && o.i !== i) {
        return [
          [Math.min(o.x1, o.x2), Math.max(o.x1, o.x2)] as [number, number],
        ];
      }
      return [];
    });
    const left = Math.min(s.x1, s.x2);
    const right = Math.max(s.x1, s.x2);
    const clear = (cx: number) =>
      obstacles.every(
        ([low, high]) => high < cx - w / 2 - 6 || low > cx + w / 2 + 6,
      );
    const mid = (left + right) / 2;
    for (let d = 0; d <= (right - left) / 2; d += 4) {
      if (clear(mid + d)) return mid + d;
      if (clear(mid - d)) return mid - d;
    }
    return undefined;
  };
  let tracks = taken.length;
  const moved = new Set<number>();
  for (;;) {
    const blocked = spans.find(
      s => !moved.has(s.i) && labelX(s.i) === undefined,
    );
    if (!blocked) break;
    moved.add(blocked.i);
    trackOf.set(blocked.i, tracks++);
  }
  const regionTop =
    tracks === 0 ? MARGIN : MARGIN + LABEL_H / 2 + 20 + (tracks - 1) * TRACK_H;
  const trackY = (t: number) => regionTop - 20 - t * TRACK_H;
  const rowsTop = regionTop + HEADER_H + 8;
  const rowY = (r: number) => rowsTop + r * ROW_H;
  const regionBottom = rowY(rows) + 4;
  const height = regionBottom + MARGIN;

  const flowLines: FlowLine[] = spans.map(s => {
    const f = flows[s.i];
    const y = trackY(trackOf.get(s.i)!);
    const w = labelWidth(f.label);
    const cx = labelX(s.i) ?? (s.x1 + s.x2) / 2;
    return {
      id: `${f.from} -> ${f.to}`,
      from: f.from,
      to: f.to,
      label: f.label,
      points: [
        [s.x1, regionTop],
        [s.x1, y],
        [s.x2, y],
        [s.x2, regionTop],
      ],
      labelBox: { x: cx - w / 2, y: y - LABEL_H / 2, w, h: LABEL_H },
    };
  });

  // Regions.
  const regions: RegionBox[] = vlans.map((vlan, c) => {
    const { id, name, subnet, dhcpRange } = vlan.spec.vlan;
    return {
      id: refOf(vlan),
      entityRef: refOf(vlan),
      title: `VLAN ${id} · ${name}`,
      lines: [
        subnet,
        dhcpRange
          ? `DHCP ${dhcpRange.start}-${dhcpRange.end.split('.').pop()}`
          : '',
      ].filter(Boolean),
      color: c,
      empty: placements.some(p => p.column === c)
        ? undefined
        : 'No devices|in the catalog',
      x: columnX(c),
      y: regionTop,
      w: COL_W,
      h: regionBottom - regionTop,
    };
  });
  regions.push({
    id: INTERNET_REGION,
    title: 'Internet',
    lines: ['through the router'],
    color: -1,
    x: columnX(internetColumn),
    y: regionTop,
    w: COL_W,
    h: regionBottom - regionTop,
  });

  // The switches and their ports, at their rows.
  const switchBoxes: SwitchBox[] = switchRows.map(({ device, first }, k) => {
    const last = (switchRows[k + 1]?.first ?? portRows) - 1;
    const top = k === 0 ? regionTop : rowY(first) - 6;
    const bottom = last >= first ? rowY(last) + CARD_H + 6 : top + HEADER_H;
    return {
      entityRef: refOf(device),
      title: titleOf(device),
      lines: wrap(device.spec.hardware.model, 22).slice(0, 2),
      ports: ports
        .filter(p => p.switchRef === refOf(device))
        .map(p => ({
          ...p.port,
          x: MARGIN + SWITCH_W - PORT / 2,
          y: rowY(p.row) + CARD_H / 2 - PORT / 2,
        })),
      x: MARGIN,
      y: top,
      w: SWITCH_W,
      h: bottom - top,
    };
  });
  const portById = new Map(
    switchBoxes.flatMap(s => s.ports).map(p => [p.id, p]),
  );

  const cards: CardBox[] = placements.map(p => ({
    ...p.card,
    regionId:
      p.column === internetColumn ? INTERNET_REGION : vlanRefs[p.column],
    portId: p.portId,
    x: columnX(p.column) + (COL_W - CARD_W) / 2,
    y: rowY(p.row),
    w: CARD_W,
    h: CARD_H,
  }));

  const cables: CableLine[] = placements.flatMap((p, i) => {
    const port = p.portId ? portById.get(p.portId) : undefined;
    if (!port) return [];
    const card = cards[i];
    const y = port.y + PORT / 2;
    return [
      {
        id: `${port.id} -> ${card.id}`,
        portId: port.id,
        cardId: card.id,
        points: [
          [port.x + PORT, y],
          [card.x, y],
        ] as Point[],
        taps: (p.trunkColors ?? []).map(color => ({
          at: [columnX(color) + COL_W / 2, y] as Point,
          color,
        })),
      },
    ];
  });

  const titles = new Map(vlans.map(v => [refOf(v), `VLAN ${v.spec.vlan.id}`]));
  const shadowed = vlans.flatMap(vlan =>
    shadowedRules(vlan, vlanRefs).map(({ index, by }) => ({
      vlanRef: refOf(vlan),
      text: `${titles.get(refOf(vlan))}: rule ${index + 1} (allow to ${
        vlan.spec.vlan.firewall[index].to
      }) never applies, ${
        by.length > 0
          ? `rule${by.length > 1 ? 's' : ''} ${by
              .map(b => b + 1)
              .join(', ')} decide${by.length > 1 ? '' : 's'} first`
          : 'an earlier rule decides first'
      }`,
    })),
  );

  return {
    width,
    height,
    regions,
    switches: switchBoxes,
    cards,
    cables,
    flows: flowLines,
    shadowed,
  };
}
