import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { secondFactorStore } from '@/lib/dal/mfa';
import { APP_NAME } from '@/lib/config/app-name';
import { acceptTotpCode, checkTotpCode, createTotpSecret, currentTotpCode, formatManualKey, normalizeTotpInput, totpUri } from './totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const rfcVectors: [seconds: number, eightDigits: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];

describe('TOTP codes (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it.each(rfcVectors)('matches the RFC test vector at T=%i', async (seconds, eight) => {
    const now = new Date(seconds * 1000);
    const six = eight.slice(-6); // a 6-digit code is the low 6 digits of the same truncation
    expect(await currentTotpCode(RFC_SECRET, now)).toBe(six);
    expect(await checkTotpCode(RFC_SECRET, six, now)).toEqual({ valid: true, timeStep: Math.floor(seconds / 30) });
  });

  it('accepts the previous and next step, not two steps away', async () => {
    const now = new Date(1_700_000_015_000); // 15 s into a step
    const step = (offset: number) => currentTotpCode(RFC_SECRET, new Date(now.getTime() + offset * 30_000));
    expect((await checkTotpCode(RFC_SECRET, await step(-1), now)).valid).toBe(true);
    expect((await checkTotpCode(RFC_SECRET, await step(1), now)).valid).toBe(true);
    expect((await checkTotpCode(RFC_SECRET, await step(-2), now)).valid).toBe(false);
    expect((await checkTotpCode(RFC_SECRET, await step(2), now)).valid).toBe(false);
  });

  it('rejects malformed input without throwing', async () => {
    const now = new Date();
    for (const input of ['', '12345', '1234567', 'abcdef', "1' OR '1'='1", '１２３４５６', '١٢٣٤٥٦', 'x'.repeat(100_000)]) {
      expect(await checkTotpCode(RFC_SECRET, input, now)).toEqual({ valid: false });
    }
    expect(await checkTotpCode('not base32!', '123456', now)).toEqual({ valid: false });
  });

  it('ignores spaces and dashes people type', () => {
    expect(normalizeTotpInput(' 123 456 ')).toBe('123456');
    expect(normalizeTotpInput('123-456')).toBe('123456');
  });

  it('creates 160-bit Base32 secrets and a standard otpauth URI', () => {
    const secret = createTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(createTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'alice@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe(APP_NAME);
    expect(formatManualKey('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});

describe('acceptTotpCode (replay protection)', () => {
  const db = getTestDb();
  beforeEach(resetTestDb);

  async function userWithTotp() {
    return db.user.create({
      data: { email: 'totp@example.com', name: 'T', passwordHash: 'x', totpSecret: 'stored-encrypted', totpEnabledAt: new Date() },
    });
  }

  it('accepts a code once; the same code — or an older one — again is a replay', async () => {
    const user = await userWithTotp();
    const now = new Date(1_700_000_015_000);
    const code = await currentTotpCode(RFC_SECRET, now);
    const previous = await currentTotpCode(RFC_SECRET, new Date(now.getTime() - 30_000));
    expect(await acceptTotpCode(secondFactorStore, { id: user.id, secret: RFC_SECRET }, code, now)).toEqual({ ok: true, timeStep: Math.floor(1_700_000_015 / 30) });
    expect(await acceptTotpCode(secondFactorStore, { id: user.id, secret: RFC_SECRET }, code, now)).toEqual({ ok: false, reason: 'replayed' });
    expect(await acceptTotpCode(secondFactorStore, { id: user.id, secret: RFC_SECRET }, previous, now)).toEqual({ ok: false, reason: 'replayed' });
    const next = await currentTotpCode(RFC_SECRET, new Date(now.getTime() + 30_000));
    expect((await acceptTotpCode(secondFactorStore, { id: user.id, secret: RFC_SECRET }, next, new Date(now.getTime() + 30_000))).ok).toBe(true);
  });

  it('lets exactly one of ten parallel requests with the same code through', async () => {
    const user = await userWithTotp();
    const now = new Date(1_700_000_015_000);
    const code = await currentTotpCode(RFC_SECRET, now);
    const results = await Promise.all(Array.from({ length: 10 }, () => acceptTotpCode(secondFactorStore, { id: user.id, secret: RFC_SECRET }, code, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('never accepts a code for a user whose TOTP is not enabled', async () => {
    const user = await db.user.create({ data: { email: 'off@example.com', name: 'O', passwordHash: 'x', totpSecret: 'pending' } });
    const now = new Date();
    const code = await currentTotpCode(RFC_SECRET, now);
    expect((await acceptTotpCode(secondFactorStore, { id: user.id, secret: RFC_SECRET }, code, now)).ok).toBe(false);
  });
});
