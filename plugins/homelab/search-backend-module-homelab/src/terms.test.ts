import {
  containingNetworkTerms,
  hostnameOfUrl,
  hostTerms,
  ipTerm,
  networkTerm,
  normalizeMac,
  parseCidr,
  parseHostname,
  parseIpv4,
  parseVlanId,
  textNamesIdentifier,
} from './terms';

describe('terms', () => {
  it('reads IPv4 addresses and refuses what is not one', () => {
    expect(parseIpv4('10.0.20.11')).toEqual([10, 0, 20, 11]);
    expect(parseIpv4(' 10.0.20.11 ')).toEqual([10, 0, 20, 11]);
    expect(parseIpv4('10.0.20.256')).toBeUndefined();
    expect(parseIpv4('10.0.20')).toBeUndefined();
    expect(parseIpv4('sff-1')).toBeUndefined();
    expect(ipTerm([10, 0, 20, 11])).toBe('ip10x0x20x11');
  });

  it('reads subnets and gives an address the terms of the networks that hold it', () => {
    expect(parseCidr('10.0.20.0/24')).toEqual({
      octets: [10, 0, 20, 0],
      prefix: 24,
    });
    expect(parseCidr('10.0.20.0/33')).toBeUndefined();
    expect(parseCidr('10.0.20.0/24/1')).toBeUndefined();
    expect(networkTerm([10, 0, 20, 0], 24)).toBe('net10x0x20x0p24');
    const terms = containingNetworkTerms([10, 0, 20, 11]);
    expect(terms).toContain(networkTerm([10, 0, 20, 0], 24));
    expect(terms).toContain('net10x0x0x0p16');
    expect(terms).not.toContain(networkTerm([10, 0, 50, 0], 24));
  });

  it('reads a MAC in any of its usual spellings as the same 12 digits', () => {
    for (const spelling of [
      '6c:4b:90:1a:2b:01',
      '6C-4B-90-1A-2B-01',
      '6c4b.901a.2b01',
      '6c4b901a2b01',
    ]) {
      expect(normalizeMac(spelling)).toBe('6c4b901a2b01');
    }
    expect(normalizeMac('6c:4b-90:1a:2b:01')).toBeUndefined();
    expect(normalizeMac('6c:4b:90:1a:2b')).toBeUndefined();
  });

  it('reads VLAN ids as people type them', () => {
    expect(parseVlanId('20')).toBe(20);
    expect(parseVlanId('vlan 20')).toBe(20);
    expect(parseVlanId('VLAN-20')).toBe(20);
    expect(parseVlanId('vlan20')).toBe(20);
    expect(parseVlanId('0')).toBeUndefined();
    expect(parseVlanId('4095')).toBeUndefined();
    expect(parseVlanId('vlan twenty')).toBeUndefined();
  });

  it('reads hostnames, and a dotted name is found by its first label too', () => {
    expect(parseHostname('NAS.lab.local.')).toBe('nas.lab.local');
    expect(parseHostname('sff-1')).toBe('sff-1');
    expect(parseHostname('10.0.20.11')).toBeUndefined();
    expect(parseHostname('20')).toBeUndefined();
    expect(parseHostname('-bad')).toBeUndefined();
    expect(parseHostname('two words')).toBeUndefined();
    expect(hostnameOfUrl('https://nas.lab.local:5001')).toBe('nas.lab.local');
    expect(hostnameOfUrl('not a url')).toBeUndefined();
    const [whole, first] = hostTerms('sff-1.lab.local');
    expect(first).toBe(hostTerms('sff-1')[0]);
    expect(whole).not.toBe(first);
    // letters and digits only: Lunr keeps it as one term
    expect(whole).toMatch(/^[a-z0-9]+$/);
  });
});

describe('textNamesIdentifier', () => {
  it('names an address only whole, with or without its prefix', () => {
    expect(textNamesIdentifier('sff-1 is 10.0.20.11.', '10.0.20.11')).toBe(
      true,
    );
    expect(textNamesIdentifier('at 10.0.20.11/24', '10.0.20.11')).toBe(true);
    for (const other of [
      '10.0.20.110',
      '110.0.20.11',
      '10.0.20.12 port 11',
      '1.10.0.20.11',
    ]) {
      expect(textNamesIdentifier(other, '10.0.20.11')).toBe(false);
    }
    expect(textNamesIdentifier('VLAN 10.0.20.0/24', '10.0.20.0/24')).toBe(true);
    expect(textNamesIdentifier('VLAN 10.0.20.0/16', '10.0.20.0/24')).toBe(
      false,
    );
  });

  it('names a MAC in any spelling, and is undefined for other queries', () => {
    expect(
      textNamesIdentifier('eth0 6C-4B-90-1A-2B-01 up', '6c:4b:90:1a:2b:01'),
    ).toBe(true);
    expect(textNamesIdentifier('6c4b.901a.2b01', '6c:4b:90:1a:2b:01')).toBe(
      true,
    );
    expect(textNamesIdentifier('6c:4b:90:1a:2b:02', '6c:4b:90:1a:2b:01')).toBe(
      false,
    );
    expect(textNamesIdentifier('anything', 'restore')).toBeUndefined();
  });
});
