import { describe, expect, it } from 'vitest';
import { addressKeyOf, addressKeysOf, addressLimitOf } from './throttle-address';

describe('addressKeyOf', () => {
  it('keys IPv4 by the full address, also when written IPv4-mapped', () => {
    expect(addressKeyOf('203.0.113.9')).toBe('ip:203.0.113.9');
    expect(addressKeyOf('::ffff:203.0.113.9')).toBe('ip:203.0.113.9');
    expect(addressKeyOf('::ffff:cb00:7109')).toBe('ip:203.0.113.9');
  });

  it('keys IPv6 by its /64, however it is written', () => {
    const key = 'ip:2001:db8:1:2::/64';
    for (const address of ['2001:db8:1:2::1', '2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2:0:0:0:0', 'fe80::1%eth0'.replace('fe80:', '2001:db8:1:2:')]) {
      expect(addressKeyOf(address), address).toBe(key);
    }
    expect(addressKeyOf('2001:db8::1')).toBe('ip:2001:db8:0:0::/64');
    expect(addressKeyOf('::1')).toBe('ip:0:0:0:0::/64');
    expect(addressKeyOf('fe80::1%eth0')).toBe('ip:fe80:0:0:0::/64');
  });

  it('has no key for a missing or malformed address (the caller refuses the attempt)', () => {
    for (const value of [null, undefined, '', '  ', 'unknown', '1.2.3', '2001:db8::1::2', 'localhost']) {
      expect(addressKeyOf(value), String(value)).toBeUndefined();
    }
  });
});

describe('addressKeysOf (ADR 031)', () => {
  it('counts IPv6 against its /64, /56 and /48, IPv4 against the address alone', () => {
    expect(addressKeysOf('2001:db8:1:2ab:ffff::1')).toEqual(['ip:2001:db8:1:2ab::/64', 'ip:2001:db8:1:200::/56', 'ip:2001:db8:1::/48']);
    expect(addressKeysOf('203.0.113.9')).toEqual(['ip:203.0.113.9']);
    expect(addressKeysOf('::ffff:203.0.113.9')).toEqual(['ip:203.0.113.9']);
    expect(addressKeysOf('not an address')).toBeUndefined();
  });

  it('gives a /56 4 × and a /48 16 × the per-address limit', () => {
    expect(addressKeysOf('2001:db8::1')!.map((key) => addressLimitOf(key, 50))).toEqual([50, 200, 800]);
    expect(addressLimitOf('ip:203.0.113.9', 50)).toBe(50);
  });
});
