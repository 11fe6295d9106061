/**
 * The homelab's identifiers as whole search terms.
 *
 * Search engines split text on "." and ":" (Lunr on anything that is not a
 * letter or a digit), so "10.0.20.11" becomes "10", "0", "20" and "11", which
 * half the homelab shares. Each identifier is therefore also written as one
 * term of letters and digits only, the same way in the index and in a query:
 *
 * | identifier         | term                       |
 * | ------------------ | -------------------------- |
 * | `10.0.20.11`       | `ip10x0x20x11`             |
 * | `10.0.20.0/24`     | `net10x0x20x0p24`          |
 * | `6c:4b:90:1a:2b:01`| `mac6c4b901a2b01`          |
 * | VLAN id 20         | `vlan20`                   |
 * | `sff-1.lab.local`  | `host` + its hex encoding  |
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The four octets of an IPv4 address, or undefined if it is not one. */
export function parseIpv4(text: string): number[] | undefined {
  const match = IPV4.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  return octets.every(o => o <= 255) ? octets : undefined;
}

/** An IPv4 network in CIDR notation (`10.0.20.0/24`), or undefined. */
export function parseCidr(
  text: string,
): { octets: number[]; prefix: number } | undefined {
  const [address, prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0 || prefixText === undefined) {
    return undefined;
  }
  const octets = parseIpv4(address);
  if (!octets || !/^\d{1,2}$/.test(prefixText)) {
    return undefined;
  }
  const prefix = Number(prefixText);
  return prefix <= 32 ? { octets, prefix } : undefined;
}

/**
 * A MAC address as 12 lower-case hex digits, from `6c:4b:90:1a:2b:01`,
 * `6C-4B-90-1A-2B-01`, `6c4b.901a.2b01` or `6c4b901a2b01`; undefined otherwise.
 */
export function normalizeMac(text: string): string | undefined {
  const value = text.trim().toLowerCase();
  if (
    /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/.test(value) ||
    /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(value) ||
    /^[0-9a-f]{12}$/.test(value)
  ) {
    return value.replace(/[:.-]/g, '');
  }
  return undefined;
}

/**
 * A VLAN id (1 to 4094) from a query such as `20`, `vlan 20`, `VLAN-20` or
 * `vlan20`; undefined otherwise.
 */
export function parseVlanId(text: string): number | undefined {
  const match = /^(?:vlan[\s_-]*)?(\d{1,4})$/i.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const id = Number(match[1]);
  return id >= 1 && id <= 4094 ? id : undefined;
}

const HOSTNAME =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * A hostname or an entity name, lower case and without a trailing dot
 * (`sff-1`, `nas.lab.local`); undefined for anything else, and for IP
 * addresses and bare numbers.
 */
export function parseHostname(text: string): string | undefined {
  const value = text.trim().toLowerCase().replace(/\.$/, '');
  if (value.length > 253 || !HOSTNAME.test(value)) {
    return undefined;
  }
  if (/^[\d.]+$/.test(value)) {
    return undefined;
  }
  return value;
}

/** The host name of a URL (`https://nas.lab.local:5001` gives `nas.lab.local`). */
export function hostnameOfUrl(url: string): string | undefined {
  try {
    return parseHostname(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

/** The network address of `octets` with a prefix of `prefix` bits. */
function networkOf(octets: number[], prefix: number): number[] {
  const address =
    ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>>
    0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const network = (address & mask) >>> 0;
  return [
    network >>> 24,
    (network >>> 16) & 255,
    (network >>> 8) & 255,
    network & 255,
  ];
}

/** The term of an IPv4 address. */
export function ipTerm(octets: number[]): string {
  return `ip${octets.join('x')}`;
}

/** The term of the network of `octets` with `prefix` bits (its host bits cleared). */
export function networkTerm(octets: number[], prefix: number): string {
  return `net${networkOf(octets, prefix).join('x')}p${prefix}`;
}

/** The terms of every network from /8 to /32 that holds this address. */
export function containingNetworkTerms(octets: number[]): string[] {
  const terms: string[] = [];
  for (let prefix = 8; prefix <= 32; prefix++) {
    terms.push(networkTerm(octets, prefix));
  }
  return terms;
}

/** The term of a MAC address (12 hex digits, see {@link normalizeMac}). */
export function macTerm(hex: string): string {
  return `mac${hex}`;
}

/** The term of a VLAN id. */
export function vlanTerm(id: number): string {
  return `vlan${id}`;
}

/** The term of a hostname (see {@link parseHostname}). */
export function hostTerm(hostname: string): string {
  return `host${Buffer.from(hostname, 'utf8').toString('hex')}`;
}

/**
 * The terms of a hostname: the whole name and, for a dotted name, its first
 * label (`sff-1.lab.local` is found as `sff-1` too).
 */
export function hostTerms(hostname: string): string[] {
  const first = hostname.split('.')[0];
  return first === hostname
    ? [hostTerm(hostname)]
    : [hostTerm(hostname), hostTerm(first)];
}

/**
 * Whether free text (a docs page) names the address, network or MAC a query
 * is, as a whole: `10.0.20.11` is not named by `10.0.20.110` or
 * `110.0.20.11`, and a MAC counts in any spelling. Undefined when the query
 * is none of those.
 */
export function textNamesIdentifier(
  text: string,
  query: string,
): boolean | undefined {
  const value = query.trim();
  const octets = parseIpv4(value);
  const cidr = octets ? undefined : parseCidr(value);
  if (octets || cidr) {
    const wanted = octets
      ? octets.join('.')
      : `${cidr!.octets.join('.')}/${cidr!.prefix}`;
    for (const match of text.matchAll(
      /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?![\d])/g,
    )) {
      const [address, prefix] = match[0].split('/');
      const found = parseIpv4(address)?.join('.');
      if (found === undefined) {
        continue;
      }
      // an address query is named by the address, with or without a prefix
      if (octets ? found === wanted : `${found}/${prefix}` === wanted) {
        return true;
      }
    }
    return false;
  }
  const mac = normalizeMac(value);
  if (mac) {
    for (const match of text.matchAll(
      /(?<![0-9a-f])(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}(?![0-9a-f])/gi,
    )) {
      if (normalizeMac(match[0]) === mac) {
        return true;
      }
    }
    return false;
  }
  return undefined;
}
