import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { encryptField } from '../crypto/field-encryption';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes';
import { verifySecondFactor } from './second-factor';
import { createTotpSecret, currentTotpCode } from './totp';

const db = getTestDb();
const passwords = { '1': 'k'.repeat(40) };

async function enrolledUser() {
  const secret = createTotpSecret();
  const codes = generateRecoveryCodes();
  const user = await db.user.create({
    data: {
      email: 'mfa@example.com',
      name: 'M',
      passwordHash: 'x',
      totpSecret: encryptField(secret, passwords),
      totpEnabledAt: new Date(),
      recoveryCodes: { create: codes.map((code) => ({ codeHash: hashRecoveryCode(code) })) },
    },
  });
  return { user, secret, codes };
}

beforeEach(resetTestDb);

describe('verifySecondFactor', () => {
  it('accepts a current TOTP code once (the secret is decrypted from its stored form)', async () => {
    const { user, secret } = await enrolledUser();
    const now = new Date();
    const code = await currentTotpCode(secret, now);
    expect(await verifySecondFactor(db, passwords, user.id, code, { allowRecoveryCode: true, now })).toEqual({ ok: true, method: 'totp' });
    expect(await verifySecondFactor(db, passwords, user.id, code, { allowRecoveryCode: true, now })).toEqual({ ok: false, reason: 'replayed' });
  });

  it('accepts each recovery code once, however it is typed, and counts what is left', async () => {
    const { user, codes } = await enrolledUser();
    const typed = ` ${codes[0]!.toUpperCase().replaceAll('-', ' ')} `;
    expect(await verifySecondFactor(db, passwords, user.id, typed, { allowRecoveryCode: true })).toEqual({
      ok: true,
      method: 'recovery-code',
      remaining: 9,
    });
    expect(await verifySecondFactor(db, passwords, user.id, codes[0]!, { allowRecoveryCode: true })).toEqual({ ok: false, reason: 'invalid' });
    expect((await verifySecondFactor(db, passwords, user.id, codes[1]!, { allowRecoveryCode: true })).ok).toBe(true);
  });

  it('lets exactly one of ten parallel requests use the same recovery code', async () => {
    const { user, codes } = await enrolledUser();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => verifySecondFactor(db, passwords, user.id, codes[3]!, { allowRecoveryCode: true })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("rejects another user's recovery code, wrong codes, and recovery codes where they are not allowed", async () => {
    const { user, codes } = await enrolledUser();
    const other = await db.user.create({
      data: { email: 'other@example.com', name: 'O', passwordHash: 'x', totpSecret: encryptField(createTotpSecret(), passwords), totpEnabledAt: new Date() },
    });
    expect((await verifySecondFactor(db, passwords, other.id, codes[0]!, { allowRecoveryCode: true })).ok).toBe(false);
    expect((await verifySecondFactor(db, passwords, user.id, codes[0]!, { allowRecoveryCode: false })).ok).toBe(false);
    for (const input of ['000000', "' OR 1=1 --", 'zzzz-zzzz-zz', '🔒🔒🔒🔒🔒🔒', 'a'.repeat(10_000)]) {
      expect((await verifySecondFactor(db, passwords, user.id, input, { allowRecoveryCode: true })).ok, input.slice(0, 20)).toBe(false);
    }
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(0);
  });

  it('says not-enrolled for a user without TOTP', async () => {
    const user = await db.user.create({ data: { email: 'plain@example.com', name: 'P', passwordHash: 'x' } });
    expect(await verifySecondFactor(db, passwords, user.id, '123456', { allowRecoveryCode: true })).toEqual({ ok: false, reason: 'not-enrolled' });
  });
});
