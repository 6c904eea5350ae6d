import { describe, expect, it } from 'vitest';
import { meetsAuthLevel, readAuthLevel, strongestLevelOf } from './auth-level';

describe('authentication levels (ADR 030)', () => {
  it('reads an unknown stored value as the weakest, never higher', () => {
    expect(readAuthLevel('phishing-resistant')).toBe('phishing-resistant');
    expect(readAuthLevel('aal3')).toBe('single-factor');
    expect(readAuthLevel('')).toBe('single-factor');
  });

  it('orders the levels', () => {
    expect(meetsAuthLevel('phishing-resistant', 'multi-factor')).toBe(true);
    expect(meetsAuthLevel('multi-factor', 'phishing-resistant')).toBe(false);
    expect(meetsAuthLevel('single-factor', 'multi-factor')).toBe(false);
  });

  it('a passkey is the strongest factor a user can have; TOTP next; the password alone last', () => {
    expect(strongestLevelOf({ hasPasskey: true, totpEnabled: true })).toBe('phishing-resistant');
    expect(strongestLevelOf({ hasPasskey: false, totpEnabled: true })).toBe('multi-factor');
    expect(strongestLevelOf({ hasPasskey: false, totpEnabled: false })).toBe('single-factor');
  });
});
