import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '@backstage/errors';
import { DnsRecord } from '@homelab-portal/plugin-homelab-common';
import { parse } from 'yaml';

/** The homelab's DNS as its GitOps repository declares it. @public */
export interface DnsConfig {
  /** GoZones' records, fully qualified. */
  records: DnsRecord[];
  /** The zones GoZones serves. */
  zones: string[];
  /** Hosts that are DNS infrastructure (NS hosts), not services. */
  infrastructure: string[];
  /** Where Pi-hole forwards each domain (`server=/lab.local/10.0.20.53`). */
  forwards: Array<{ domain: string; server: string }>;
  /** Pi-hole's upstream servers (`server=1.1.1.1`). */
  upstreams: string[];
}

const MAX_BYTES = 1_000_000;
const LABEL =
  /^(?:@|\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*)$/i;
const HOST =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const IPV4 =
  /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

async function readBounded(path: string): Promise<string> {
  const text = await readFile(path, 'utf8');
  if (text.length > MAX_BYTES) {
    throw new InputError(`${path} is larger than ${MAX_BYTES} bytes`);
  }
  return text;
}

function fqdn(name: string, zone: string): string {
  if (name === '@') return zone;
  return name.endsWith('.')
    ? name.slice(0, -1).toLowerCase()
    : `${name}.${zone}`.toLowerCase();
}

/**
 * Parses GoZones' zones.yml (`zones: [{ name, records: { A, AAAA, CNAME, NS
 * ... } }]`, github.com/kenmoini/go-zones): the A, AAAA and CNAME records,
 * fully qualified. A malformed file or record is an InputError naming it.
 */
export function parseGoZones(
  text: string,
  file = 'zones.yml',
): Pick<DnsConfig, 'records' | 'zones' | 'infrastructure'> {
  // any: zones.yml as parsed YAML, checked field by field below
  let doc: any;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new InputError(`${file} is not YAML: ${(error as Error).message}`);
  }
  if (!doc || !Array.isArray(doc.zones)) {
    throw new InputError(`${file} has no zones list`);
  }
  const records: DnsRecord[] = [];
  const zones: string[] = [];
  const infrastructure: string[] = [];
  for (const [i, zone] of doc.zones.entries()) {
    const zoneName = String(zone?.name ?? '').toLowerCase();
    if (!HOST.test(zoneName)) {
      throw new InputError(`${file}: zone ${i + 1} has no valid name`);
    }
    zones.push(zoneName);
    const sets = zone.records ?? {};
    for (const ns of sets.NS ?? []) {
      if (typeof ns?.name === 'string' && typeof ns?.domain === 'string') {
        infrastructure.push(`${ns.name}.${ns.domain}`.toLowerCase());
      }
    }
    for (const type of ['A', 'AAAA', 'CNAME'] as const) {
      for (const [j, record] of (sets[type] ?? []).entries()) {
        const where = `${file}: ${zoneName} ${type} record ${j + 1}`;
        if (typeof record?.name !== 'string' || !LABEL.test(record.name)) {
          throw new InputError(`${where} has no valid name`);
        }
        const value = String(record.value ?? '');
        const valid =
          (type === 'A' && IPV4.test(value)) ||
          (type === 'AAAA' &&
            /^[0-9a-f:]+$/i.test(value) &&
            value.includes(':')) ||
          (type === 'CNAME' && HOST.test(value));
        if (!valid) {
          throw new InputError(
            `${where} (${record.name}) has an invalid value`,
          );
        }
        records.push({
          name: fqdn(record.name, zoneName),
          type,
          // GoZones writes a CNAME's target fully qualified (its example:
          // `value: dns-core-2.example.com`); a bare label is in the zone
          value:
            type === 'CNAME'
              ? fqdn(
                  value.includes('.') && !value.endsWith('.')
                    ? `${value}.`
                    : value,
                  zoneName,
                )
              : value,
          ttl: typeof record.ttl === 'number' ? record.ttl : zone.ttl,
        });
      }
    }
  }
  return { records, zones, infrastructure };
}

/**
 * Parses the `server=` lines of a dnsmasq drop-in (how Pi-hole forwards a
 * domain: `server=/lab.local/10.0.20.53`; its upstreams: `server=1.1.1.1`).
 */
export function parseDnsmasqServers(
  text: string,
  file = 'dnsmasq.conf',
): Pick<DnsConfig, 'forwards' | 'upstreams'> {
  const forwards: DnsConfig['forwards'] = [];
  const upstreams: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line.startsWith('server=')) continue;
    const value = line.slice('server='.length);
    const domainForward = /^\/([^/]+)\/([^/#]+)$/.exec(value);
    if (domainForward) {
      forwards.push({
        domain: domainForward[1].toLowerCase(),
        server: domainForward[2],
      });
    } else if (IPV4.test(value.split('#')[0])) {
      upstreams.push(value);
    } else {
      throw new InputError(
        `${file} line ${i + 1}: not a server= line dnsmasq reads`,
      );
    }
  }
  return { forwards, upstreams };
}

/**
 * Reads the homelab's DNS from its GitOps tree: GoZones'
 * `platform/dns/gozones/zones.yml` and Pi-hole's
 * `platform/dns/pihole/*.conf` server lines.
 *
 * @public
 */
export async function readDnsConfig(gitopsDir: string): Promise<DnsConfig> {
  const zonesFile = join(gitopsDir, 'platform/dns/gozones/zones.yml');
  const piholeFile = join(gitopsDir, 'platform/dns/pihole/02-lab-local.conf');
  const zones = parseGoZones(await readBounded(zonesFile), zonesFile);
  const servers = parseDnsmasqServers(
    await readBounded(piholeFile),
    piholeFile,
  );
  return { ...zones, ...servers };
}
