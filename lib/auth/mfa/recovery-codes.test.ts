import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  RECOVERY_CODE_COUNT,
  generateRecoveryCodes,
  matchRecoveryCode,
  normalizeRecoveryCode,
  resealRecoveryCode,
  sealRecoveryCode,
} from './recovery-codes.ts';
import { testSecret } from '../../../test/secrets.ts';

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

describe('sealRecoveryCode / matchRecoveryCode', () => {
  const keys = { '1': testSecret('rc-1') };
  const rows = (userId: string, codes: string[], map = keys) => codes.map((code, i) => ({ id: `rc${i}`, codeHash: sealRecoveryCode(userId, code, map) }));

  it('stores no SHA-256 of the code, and nothing equal between users or two enrolments', () => {
    const code = '7qkm-4zrt-9x';
    const sha256 = createHash('sha256').update('7qkm4zrt9x').digest('hex');
    const stored = sealRecoveryCode('user-a', code, keys);
    expect(stored).toMatch(/^v1\.1\./); // the field-encryption format, under the newest key
    expect(stored).not.toContain(sha256);
    expect(Buffer.from(stored.split('.')[3]!, 'base64url').toString('hex')).not.toBe(sha256);
    expect(sealRecoveryCode('user-a', code, keys)).not.toBe(stored);
    expect(sealRecoveryCode('user-b', code, keys)).not.toBe(stored);
  });

  it('matches a code however it is typed, only for its own user', () => {
    const stored = rows('user-a', ['7qkm-4zrt-9x', 'abcd-efgh-jk']);
    expect(matchRecoveryCode(stored, 'user-a', ' 7QKM 4ZRT 9X ', keys)).toEqual({ status: 'match', id: 'rc0' });
    expect(matchRecoveryCode(stored, 'user-a', 'ABCD-EFGH-JK', keys)).toEqual({ status: 'match', id: 'rc1' });
    expect(matchRecoveryCode(stored, 'user-b', '7qkm-4zrt-9x', keys)).toMatchObject({ status: 'no-match' });
    expect(matchRecoveryCode(stored, 'user-a', '7qkm-4zrt-9y', keys)).toEqual({ status: 'no-match', checked: 2, unreadable: 0 });
    expect(matchRecoveryCode(stored, 'user-a', 'nonsense', keys)).toEqual({ status: 'no-match', checked: 0, unreadable: 0 });
  });

  it('a database alone does not allow offline guessing: without the key nothing can be checked', () => {
    const stored = rows('user-a', ['7qkm-4zrt-9x']);
    const otherKey = { '1': testSecret('attacker guess') };
    expect(matchRecoveryCode(stored, 'user-a', '7qkm-4zrt-9x', otherKey)).toEqual({ status: 'no-match', checked: 0, unreadable: 1 });
  });

  it('still matches rows of the old unsalted SHA-256 format, which re-seal without the code', () => {
    const legacy = [{ id: 'old', codeHash: createHash('sha256').update('7qkm4zrt9x').digest('hex') }];
    expect(matchRecoveryCode(legacy, 'user-a', '7qkm-4zrt-9x', keys)).toEqual({ status: 'match', id: 'old' });
    const resealed = resealRecoveryCode(legacy[0]!.codeHash, 'user-a', keys);
    expect(resealed).toMatchObject({ status: 'resealed', value: expect.stringMatching(/^v1\.1\./) });
    const upgraded = [{ id: 'old', codeHash: (resealed as { value: string }).value }];
    expect(matchRecoveryCode(upgraded, 'user-a', '7qkm-4zrt-9x', keys)).toEqual({ status: 'match', id: 'old' });
    expect(resealRecoveryCode(upgraded[0]!.codeHash, 'user-a', keys)).toEqual({ status: 'current' });
  });

  it('survives key rotation: re-sealed under the new key, the old one can go', () => {
    const rotated = { '2': testSecret('rc-2'), ...keys };
    const [row] = rows('user-a', ['7qkm-4zrt-9x']);
    expect(matchRecoveryCode([row!], 'user-a', '7qkm-4zrt-9x', rotated)).toEqual({ status: 'match', id: 'rc0' });
    const resealed = resealRecoveryCode(row!.codeHash, 'user-a', rotated);
    expect(resealed).toMatchObject({ status: 'resealed', value: expect.stringMatching(/^v1\.2\./) });
    const newOnly = { '2': rotated['2'] };
    const moved = { id: 'rc0', codeHash: (resealed as { value: string }).value };
    expect(matchRecoveryCode([moved], 'user-a', '7qkm-4zrt-9x', newOnly)).toEqual({ status: 'match', id: 'rc0' });
    expect(resealRecoveryCode(row!.codeHash, 'user-a', newOnly)).toEqual({ status: 'unreadable', reason: 'unknown-key' });
  });

  it('refuses to seal something that is not a code', () => {
    expect(() => sealRecoveryCode('user-a', 'nonsense', keys)).toThrow();
  });
});
