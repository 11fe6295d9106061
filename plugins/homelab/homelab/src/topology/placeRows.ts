import {
  HardwareEntity,
  refOf,
  resolveRef,
} from '@homelab-portal/plugin-homelab-common';
import { CardBox, Box, PORT, PortBox, titleOf, wrap } from './networkLayout';

export interface Placement {
  row: number;
  column: number;
  card: Omit<CardBox, keyof Box | 'regionId'>;
  portId?: string;
  trunkColors?: number[];
}

/** Where the layout's rows go: the switches' ports, and each card's row and column. */
export interface RowPlan {
  placements: Placement[];
  switchRows: Array<{ device: HardwareEntity; first: number }>;
  ports: Array<{ switchRef: string; port: PortBox; row: number }>;
  /** the rows of the switches' ports, before those of unplugged interfaces */
  portRows: number;
  rows: number;
}

/**
 * Rows: one per port (its device's interface in its VLAN's column, or what
 * it leads to outside the catalog in the internet's), then the interfaces
 * no port leads to.
 */
export function placeRows(
  devices: HardwareEntity[],
  columnOf: Map<string, number>,
  internetColumn: number,
): RowPlan {
  const deviceByRef = new Map(devices.map(d => [refOf(d), d]));
  const switches = devices
    .filter(d => d.spec.type === 'network-switch')
    .sort((a, b) => titleOf(a).localeCompare(titleOf(b)));

  const placements: Placement[] = [];
  const plugged = new Set<string>();
  const switchRows: Array<{ device: HardwareEntity; first: number }> = [];
  const ports: Array<{ switchRef: string; port: PortBox; row: number }> = [];
  let row = 0;
  for (const sw of switches) {
    switchRows.push({ device: sw, first: row });
    for (const port of sw.spec.hardware.ports ?? []) {
      const id = `${refOf(sw)}#${port.name}`;
      const colors = port.vlans
        .map(raw => columnOf.get(resolveRef(raw, sw) ?? ''))
        .filter((c): c is number => c !== undefined);
      const trunk = port.mode === 'trunk';
      ports.push({
        switchRef: refOf(sw),
        row,
        port: {
          id,
          name: port.name,
          detail: [port.speed, trunk ? 'trunk' : undefined]
            .filter(Boolean)
            .join(' · '),
          colors,
          trunk,
          x: 0,
          y: 0,
          w: PORT,
          h: PORT,
        },
      });
      const deviceRef = port.device && resolveRef(port.device, sw);
      const device = deviceRef ? deviceByRef.get(deviceRef) : undefined;
      if (device) {
        const nic = (device.spec.hardware.interfaces ?? []).find(
          i => i.name === port.interface,
        );
        const column = nic
          ? columnOf.get(resolveRef(nic.vlan, device) ?? '')
          : colors[0];
        if (nic) plugged.add(`${refOf(device)} ${nic.name}`);
        if (column !== undefined) {
          placements.push({
            row,
            column,
            portId: id,
            card: {
              id: `${refOf(device)} ${nic?.name ?? port.name}`,
              entityRef: refOf(device),
              title: titleOf(device),
              lines: nic
                ? [
                    [nic.name, nic.speed].filter(Boolean).join(' · '),
                    nic.address ?? 'no address recorded',
                  ]
                : [port.interface ?? 'interface not named'],
            },
          });
        }
      } else if (port.description) {
        placements.push({
          row,
          column: internetColumn,
          portId: id,
          trunkColors: trunk ? colors : undefined,
          card: {
            id: `${id} peer`,
            title: wrap(port.description, 16)[0],
            lines: [
              ...wrap(port.description, 16).slice(1, 2),
              'not in the catalog',
            ],
          },
        });
      }
      row++;
    }
  }
  const portRows = row;
  const used = new Set(placements.map(p => `${p.row}:${p.column}`));
  for (const device of devices) {
    for (const nic of device.spec.hardware.interfaces ?? []) {
      const column = columnOf.get(resolveRef(nic.vlan, device) ?? '');
      if (column === undefined || plugged.has(`${refOf(device)} ${nic.name}`)) {
        continue;
      }
      let r = portRows;
      while (used.has(`${r}:${column}`)) r++;
      used.add(`${r}:${column}`);
      const own = device.spec.type === 'network-switch';
      placements.push({
        row: r,
        column,
        card: {
          id: `${refOf(device)} ${nic.name}`,
          entityRef: refOf(device),
          title: titleOf(device),
          lines: [
            [nic.name, nic.speed].filter(Boolean).join(' · '),
            own
              ? `${nic.address ?? 'no address'} (its own)`
              : nic.address ?? 'no address recorded',
          ],
        },
      });
    }
  }
  const rows = Math.max(1, ...placements.map(p => p.row + 1), portRows);
  return { placements, switchRows, ports, portRows, rows };
}
