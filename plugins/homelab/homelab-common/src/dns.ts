import { Entity } from '@backstage/catalog-model';
import { refOf } from './refs';
import { isHardwareEntity } from './types';

/** The homelab's own zone, served by GoZones; Pi-hole forwards it there. @public */
export const LAB_ZONE = 'lab.local';

/** One record of a zone, as GoZones' zones.yml declares it. @public */
export type DnsRecord = {
  /** Fully qualified, lower case, no trailing dot: `git.lab.local`. */
  name: string;
  type: 'A' | 'AAAA' | 'CNAME';
  value: string;
  ttl?: number;
};

/** A name the catalog uses, and where. @public */
export type DnsNameUse = {
  name: string;
  entityRef: string;
  via: 'link' | 'interface' | 'management' | 'api' | 'ingress' | 'promise';
};

/** One finding of the DNS checks. @public */
export type DnsProblem =
  | { kind: 'no-record'; name: string; uses: DnsNameUse[] }
  | { kind: 'record-for-nothing'; name: string; record: DnsRecord }
  | { kind: 'shared-name'; name: string; entityRefs: string[] }
  | { kind: 'dangling-cname'; name: string; target: string };

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:'
      ? hostname.toLowerCase().replace(/\.$/, '')
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a name is in the lab zone (`lab.local` or under it). @public */
export function inLabZone(name: string): boolean {
  return name === LAB_ZONE || name.endsWith(`.${LAB_ZONE}`);
}

/**
 * The `*.lab.local` names the catalog uses: entity links, hardware
 * interfaces' hostnames and management URLs, and a cluster's API URL.
 *
 * @public
 */
export function catalogDnsNames(entities: Entity[]): DnsNameUse[] {
  const uses: DnsNameUse[] = [];
  const add = (
    name: string | undefined,
    entity: Entity,
    via: DnsNameUse['via'],
  ) => {
    if (name && inLabZone(name)) {
      uses.push({ name, entityRef: refOf(entity), via });
    }
  };
  for (const entity of entities) {
    for (const link of entity.metadata.links ?? []) {
      add(hostOf(link.url), entity, 'link');
    }
    if (isHardwareEntity(entity)) {
      for (const nic of entity.spec.hardware.interfaces ?? []) {
        add(nic.hostname?.toLowerCase(), entity, 'interface');
      }
      add(hostOf(entity.spec.hardware.managementUrl), entity, 'management');
    }
    const cluster = entity.spec?.cluster as { apiUrl?: string } | undefined;
    if (entity.spec?.type === 'kubernetes-cluster') {
      add(hostOf(cluster?.apiUrl), entity, 'api');
    }
  }
  return uses;
}

/**
 * Checks the lab zone's records against the names in use: a name with no
 * record, a record no entity uses (other than as a CNAME's target, or an
 * NS's host), one name used by two entities, and a CNAME to a lab name with
 * no record. Names compare case-insensitively.
 *
 * @public
 */
export function checkDns(
  records: DnsRecord[],
  uses: DnsNameUse[],
  options: { infrastructure?: string[] } = {},
): DnsProblem[] {
  const problems: DnsProblem[] = [];
  const byName = new Map<string, DnsRecord[]>();
  for (const record of records) {
    const name = record.name.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), record]);
  }
  const usesByName = new Map<string, DnsNameUse[]>();
  for (const use of uses) {
    usesByName.set(use.name, [...(usesByName.get(use.name) ?? []), use]);
  }
  for (const [name, nameUses] of [...usesByName].sort(([a], [b]) =>
    a.localeCompare(b, 'en-US'),
  )) {
    if (!byName.has(name)) {
      problems.push({ kind: 'no-record', name, uses: nameUses });
    }
    const entityRefs = [...new Set(nameUses.map(u => u.entityRef))].sort();
    if (entityRefs.length > 1) {
      problems.push({ kind: 'shared-name', name, entityRefs });
    }
  }
  const targets = new Set(
    records
      .filter(r => r.type === 'CNAME')
      .map(r => r.value.toLowerCase().replace(/\.$/, '')),
  );
  const infrastructure = new Set(
    (options.infrastructure ?? []).map(n => n.toLowerCase()),
  );
  for (const record of [...records].sort((a, b) =>
    a.name.localeCompare(b.name, 'en-US'),
  )) {
    const name = record.name.toLowerCase();
    if (
      inLabZone(name) &&
      name !== LAB_ZONE &&
      !usesByName.has(name) &&
      !targets.has(name) &&
      !infrastructure.has(name)
    ) {
      problems.push({ kind: 'record-for-nothing', name, record });
    }
    if (record.type === 'CNAME') {
      const target = record.value.toLowerCase().replace(/\.$/, '');
      if (inLabZone(target) && !byName.has(target)) {
        problems.push({ kind: 'dangling-cname', name, target });
      }
    }
  }
  return problems;
}

/** Which server answers a name: GoZones for the lab zone, Pi-hole's upstreams for the rest. @public */
export function answeringServer(
  name: string,
  config: { labZoneServer: string; upstreams: string[] },
): { server: string; role: 'authoritative' | 'upstream' } {
  return inLabZone(name.toLowerCase())
    ? { server: config.labZoneServer, role: 'authoritative' }
    : { server: config.upstreams.join(', '), role: 'upstream' };
}
