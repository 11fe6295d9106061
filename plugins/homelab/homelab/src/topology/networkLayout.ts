import { Entity } from '@backstage/catalog-model';
import { INTERNET } from '@homelab-portal/plugin-homelab-common';

/*
 * The shapes of the network diagram's layout (see layoutNetwork.ts), its
 * grid's measures, and the text helpers that size its labels.
 */

export type Point = [number, number];
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A VLAN's column, or the internet's. */
export interface RegionBox extends Box {
  id: string;
  /** The entity the header opens; none for the internet. */
  entityRef?: string;
  title: string;
  lines: string[];
  /** Index in the palette; the internet is -1. */
  color: number;
  /** What the region says when nothing is inside. */
  empty?: string;
}

export interface PortBox extends Box {
  id: string;
  name: string;
  detail: string;
  /** Palette indexes of the VLANs it carries. */
  colors: number[];
  trunk: boolean;
}

export interface SwitchBox extends Box {
  entityRef: string;
  title: string;
  lines: string[];
  ports: PortBox[];
}

/** A device's interface in a VLAN's region, or what a port leads to outside the catalog. */
export interface CardBox extends Box {
  id: string;
  regionId: string;
  /** The entity the card opens; none for things outside the catalog. */
  entityRef?: string;
  title: string;
  lines: string[];
  portId?: string;
}

export interface CableLine {
  id: string;
  portId: string;
  cardId: string;
  points: Point[];
  /** Where a trunk crosses a VLAN it carries: a dot and that VLAN's colour. */
  taps: Array<{ at: Point; color: number }>;
}

export interface FlowLine {
  id: string;
  from: string;
  to: string;
  label: string;
  points: Point[];
  labelBox: Box;
}

export interface ShadowedNote {
  vlanRef: string;
  text: string;
}

export interface NetworkLayout {
  width: number;
  height: number;
  regions: RegionBox[];
  switches: SwitchBox[];
  cards: CardBox[];
  cables: CableLine[];
  flows: FlowLine[];
  /** Allow rules the diagram does not draw, because earlier rules decide first. */
  shadowed: ShadowedNote[];
}

export const INTERNET_REGION = INTERNET;

// Geometry, in px at zoom 1.
export const MARGIN = 16;
export const SWITCH_W = 176;
export const SWITCH_GAP = 28;
export const COL_W = 164;
export const COL_GAP = 10;
export const CARD_W = 148;
export const CARD_H = 60;
export const ROW_H = 72;
export const HEADER_H = 88;
export const TRACK_H = 32;
export const LABEL_H = 22;
export const PORT = 16;

/** Rough text widths for a 13 px sans-serif, to size label pills. */
export const labelWidth = (text: string) => Math.ceil(text.length * 7.2) + 16;

/** Splits text into lines of at most `max` characters, at spaces. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;
