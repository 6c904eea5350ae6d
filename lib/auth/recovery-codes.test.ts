import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  RECOVERY_CODE_COUNT,
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
} from './recovery-codes.ts';

describe('generateRecoveryCodes', () => {
  it('makes ten distinct codes shaped xxxx-xxxx-xx from the unambiguous alphabet', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$/);
  });

  it('uses the whole alphabet (no modulo bias leaving letters out)', () => {
    const letters = new Set(generateRecoveryCodes(200).join('').replace(/-/g, ''));
    expect(letters.size).toBe(32);
  });
});

describe('normalizeRecoveryCode', () => {
  it('ignores case, spaces and dashes, and maps look-alike letters', () => {
    expect(normalizeRecoveryCode(' 7QKM-4ZRT-9X ')).toBe('7qkm4zrt9x');
    expect(normalizeRecoveryCode('7qkm 4zrt 9x')).toBe('7qkm4zrt9x');
    expect(normalizeRecoveryCode('IOL0-abcd-ef')).toBe('1010abcdef');
  });

  it('rejects input that cannot be a code', () => {
    expect(normalizeRecoveryCode('')).toBeUndefined();
    expect(normalizeRecoveryCode('7qkm-4zrt')).toBeUndefined();
    expect(normalizeRecoveryCode('7qkm-4zrt-9x1')).toBeUndefined();
    expect(normalizeRecoveryCode('7qkm-4zrt-9u')).toBeUndefined(); // u is not in the alphabet
    expect(normalizeRecoveryCode('7qkm-4zrt-9!')).toBeUndefined();
  });
});

describe('hashRecoveryCode', () => {
  it('is the hex SHA-256 of the normalised code', () => {
    const expected = createHash('sha256').update('7qkm4zrt9x').digest('hex');
    expect(hashRecoveryCode('7qkm-4zrt-9x')).toBe(expected);
    expect(hashRecoveryCode('7QKM 4ZRT 9X')).toBe(expected);
  });

  it('never maps invalid input onto a valid code hash', () => {
    expect(hashRecoveryCode('nonsense')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('nonsense')).not.toBe(hashRecoveryCode('7qkm-4zrt-9x'));
  });
});
