import { Entity } from '@backstage/catalog-model';
import {
  CatalogCollatorEntityTransformer,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  isHardwareEntity,
  isVlanEntity,
} from '@homelab-portal/plugin-homelab-common';
import {
  hostnameOfUrl,
  hostTerms,
  ipTerm,
  macTerm,
  networkTerm,
  normalizeMac,
  parseCidr,
  parseHostname,
  parseIpv4,
  vlanTerm,
} from './terms';

/**
 * The fields this module adds to every catalog search document (to every
 * one, so that Lunr, which takes its fields from the first document, knows
 * them; they are empty strings on entities without homelab identifiers).
 *
 * - `homelabKeys`: the entity's own identifiers as whole terms (its interfaces'
 *   addresses, MACs and hostnames, its name, its links' hosts; a VLAN's id,
 *   subnet and gateway).
 * - `homelabMentions`: addresses, networks and MACs written in its title or
 *   description, as whole terms.
 * - `homelabAddresses`: the identifiers as people write them, for engines
 *   that read them whole (PostgreSQL reads `10.0.20.11` and `nas.lab.local`
 *   as one word) and for highlights.
 *
 * @public
 */
export type HomelabSearchFields = {
  homelabKeys: string;
  homelabMentions: string;
  homelabAddresses: string;
};

/** @public */
export const HOMELAB_KEYS_FIELD = 'homelabKeys';
/** @public */
export const HOMELAB_MENTIONS_FIELD = 'homelabMentions';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

class Collected {
  readonly keys = new Set<string>();
  readonly mentions = new Set<string>();
  readonly readable = new Set<string>();

  address(value: unknown) {
    const address = text(value);
    const octets = address && parseIpv4(address);
    if (octets) {
      this.keys.add(ipTerm(octets));
      this.readable.add(octets.join('.'));
    }
  }

  network(value: unknown) {
    const subnet = text(value);
    const cidr = subnet && parseCidr(subnet);
    if (cidr) {
      this.keys.add(networkTerm(cidr.octets, cidr.prefix));
      this.readable.add(`${cidr.octets.join('.')}/${cidr.prefix}`);
    }
  }

  mac(value: unknown) {
    const mac = text(value);
    const hex = mac && normalizeMac(mac);
    if (hex) {
      this.keys.add(macTerm(hex));
      this.readable.add(hex.match(/../g)!.join(':'));
      this.readable.add(hex);
    }
  }

  host(value: unknown) {
    const name = text(value);
    const hostname = name && parseHostname(name);
    if (hostname) {
      hostTerms(hostname).forEach(t => this.keys.add(t));
      this.readable.add(hostname);
    }
  }

  vlan(value: unknown) {
    if (typeof value === 'number' && Number.isInteger(value)) {
      this.keys.add(vlanTerm(value));
      this.readable.add(`VLAN ${value}`);
    }
  }

  /** Addresses, networks and MACs written in free text. */
  mentionsIn(value: unknown) {
    const free = text(value);
    if (!free) {
      return;
    }
    for (const word of free.split(/[\s,;()[\]"']+/)) {
      const candidate = word.replace(/[.:]+$/, '');
      const cidr = parseCidr(candidate);
      const octets = parseIpv4(candidate);
      const hex = normalizeMac(candidate);
      if (cidr) {
        this.mentions.add(networkTerm(cidr.octets, cidr.prefix));
      } else if (octets) {
        this.mentions.add(ipTerm(octets));
      } else if (hex && /[:.-]/.test(candidate)) {
        this.mentions.add(macTerm(hex));
      }
    }
  }
}

/**
 * The homelab identifiers of an entity as search fields. Reads the homelab
 * model defensively: a field of the wrong type is left out, never thrown on.
 *
 * @public
 */
export function homelabSearchFields(entity: Entity): HomelabSearchFields {
  const c = new Collected();
  c.host(entity.metadata.name);
  for (const link of entity.metadata.links ?? []) {
    c.host(typeof link?.url === 'string' ? hostnameOfUrl(link.url) : undefined);
  }
  c.mentionsIn(entity.metadata.title);
  c.mentionsIn(entity.metadata.description);

  if (isHardwareEntity(entity)) {
    const hardware: unknown = entity.spec?.hardware;
    const interfaces =
      hardware && typeof hardware === 'object'
        ? (hardware as { interfaces?: unknown }).interfaces
        : undefined;
    for (const nic of Array.isArray(interfaces) ? interfaces : []) {
      if (nic && typeof nic === 'object') {
        c.address(nic.address);
        c.mac(nic.mac);
        c.host(nic.hostname);
      }
    }
    const managementUrl = (hardware as { managementUrl?: unknown } | undefined)
      ?.managementUrl;
    if (typeof managementUrl === 'string') {
      c.host(hostnameOfUrl(managementUrl));
    }
  }

  if (isVlanEntity(entity)) {
    const vlan: unknown = entity.spec?.vlan;
    if (vlan && typeof vlan === 'object') {
      const v = vlan as Record<string, unknown>;
      c.vlan(v.id);
      c.network(v.subnet);
      c.address(v.gateway);
    }
  }

  return {
    homelabKeys: [...c.keys].join(' '),
    homelabMentions: [...c.mentions].filter(t => !c.keys.has(t)).join(' '),
    homelabAddresses: [...c.readable].join(' '),
  };
}

/**
 * The catalog collator's entity transformer with the homelab's fields added
 * to Backstage's default document.
 *
 * @public
 */
export const homelabEntityTransformer: CatalogCollatorEntityTransformer =
  entity => ({
    ...defaultCatalogCollatorEntityTransformer(entity),
    ...homelabSearchFields(entity),
  });
