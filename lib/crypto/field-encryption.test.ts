import { describe, expect, it } from 'vitest';
import { createSessionKeys } from '../config/sealing-key.ts';
import { currentKeyId, decryptField, encryptField } from './field-encryption.ts';

const secret1 = 'first-secret-first-secret-first-secret!!';
const secret2 = 'second-secret-second-secret-second-secret';
const secret10 = 'tenth-secret-tenth-secret-tenth-secret-xx';
const totp = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Replaces one dot-separated part of an encrypted value. */
function withPart(value: string, index: number, replace: (part: string) => string): string {
  const parts = value.split('.');
  parts[index] = replace(parts[index]!);
  return parts.join('.');
}

/** Flips the lowest bit of the first byte of a base64url part. */
function flipFirstBit(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString('base64url');
}

describe('encryptField / decryptField', () => {
  it('round-trips, under the highest key id', () => {
    const map = { '1': secret1, '2': secret2 };
    const stored = encryptField(totp, map);
    expect(stored).toMatch(/^v1\.2\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(stored).not.toContain(totp);
    expect(decryptField(stored, map)).toEqual({ ok: true, plaintext: totp, keyId: '2', needsReencryption: false });
  });

  it('orders key ids numerically, not as text', () => {
    expect(currentKeyId({ '2': secret2, '10': secret10, '1': secret1 })).toBe('10');
  });

  it('uses a fresh IV every time', () => {
    const map = { '1': secret1 };
    expect(encryptField(totp, map)).not.toBe(encryptField(totp, map));
  });

  it('handles empty and non-ASCII plaintexts', () => {
    const map = { '1': secret1 };
    for (const text of ['', 'päss wörd ✓']) {
      expect(decryptField(encryptField(text, map), map)).toMatchObject({ ok: true, plaintext: text });
    }
  });

  it('keeps decrypting values under an older id after rotation, and flags them for re-encryption', () => {
    const before = encryptField(totp, { '1': secret1 });
    const rotated = { '2': secret2, '1': secret1 };
    expect(decryptField(before, rotated)).toEqual({ ok: true, plaintext: totp, keyId: '1', needsReencryption: true });
    const migrated = encryptField(totp, rotated);
    expect(decryptField(migrated, { '2': secret2 })).toMatchObject({ ok: true, keyId: '2', needsReencryption: false });
  });

  it('reports a key id that is no longer configured', () => {
    const stored = encryptField(totp, { '1': secret1 });
    expect(decryptField(stored, { '2': secret2 })).toEqual({ ok: false, reason: 'unknown-key', keyId: '1' });
  });

  it('reports a different secret under the same id as tampering', () => {
    const stored = encryptField(totp, { '1': secret1 });
    expect(decryptField(stored, { '1': secret2 })).toEqual({ ok: false, reason: 'tampered' });
  });

  it('detects any modified part', () => {
    const map = { '1': secret1, '2': secret2 };
    const stored = encryptField(totp, map);
    for (const index of [2, 3, 4]) {
      expect(decryptField(withPart(stored, index, flipFirstBit), map)).toEqual({ ok: false, reason: 'tampered' });
    }
    // Relabelling the value to another (valid) key id fails authentication too.
    expect(decryptField(withPart(stored, 1, () => '1'), map)).toEqual({ ok: false, reason: 'tampered' });
    // So does a truncated ciphertext.
    expect(decryptField(withPart(stored, 3, (p) => p.slice(0, -2)), map)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('rejects malformed values without throwing', () => {
    const map = { '1': secret1 };
    const stored = encryptField(totp, map);
    const malformed = [
      '',
      totp,
      'v1.1.abc',
      stored.replace(/^v1/, 'v2'),
      withPart(stored, 1, () => 'one'),
      withPart(stored, 2, (p) => p.slice(0, -1) + '!'),
      withPart(stored, 2, (p) => p.slice(0, 8)), // short IV
      withPart(stored, 4, (p) => p.slice(0, 10)), // short tag
      `${stored}.extra`,
    ];
    for (const value of malformed) expect(decryptField(value, map)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to encrypt without any key', () => {
    expect(() => encryptField(totp, {})).toThrow(/no key/);
  });
});

describe('during a key rollout (SESSION_KEY_ROLLOUT)', () => {
  const keyMap = { 1: secret1, 2: secret2 };

  it('encrypts under the previous key until the window has passed, so instances without key 2 can still decrypt', () => {
    let age = 0;
    const keys = createSessionKeys(keyMap, 20_000, () => age);
    const inWindow = encryptField(totp, keys);
    expect(inWindow.split('.')[1]).toBe('1');
    expect(decryptField(inWindow, { 1: secret1 })).toMatchObject({ ok: true, plaintext: totp });
    age = 20_000;
    expect(encryptField(totp, keys).split('.')[1]).toBe('2');
  });

  it('a value under the newest key is not "re-encrypted" back to the previous one inside the window', () => {
    const young = createSessionKeys(keyMap, 20_000, () => 0);
    expect(decryptField(encryptField(totp, keyMap), young)).toMatchObject({ ok: true, keyId: '2', needsReencryption: false });
    expect(decryptField(encryptField(totp, { 1: secret1 }), young)).toMatchObject({ ok: true, keyId: '1', needsReencryption: false });
    expect(decryptField(encryptField(totp, { 1: secret1 }), keyMap)).toMatchObject({ ok: true, needsReencryption: true });
  });
});
