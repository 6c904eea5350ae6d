import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { secondFactorStore } from '@/lib/dal/mfa';
import { testSecret } from '@/test/secrets';
import { decryptField, encryptField } from '../../crypto/field-encryption';
import { generateRecoveryCodes, normalizeRecoveryCode, sealRecoveryCode } from './recovery-codes';
import { verifySecondFactor } from './second-factor';
import { createTotpSecret, currentTotpCode } from './totp';

const db = getTestDb();
const keyMap = { '1': 'k'.repeat(40) };

async function enrolledUser(keys: Record<string, string> = keyMap) {
  const secret = createTotpSecret();
  const codes = generateRecoveryCodes();
  const user = await db.user.create({
    data: { email: 'mfa@example.com', name: 'M', passwordHash: 'x', totpSecret: encryptField(secret, keys), totpEnabledAt: new Date() },
  });
  await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId: user.id, codeHash: sealRecoveryCode(user.id, code, keys) })) });
  return { user, secret, codes };
}

const storedSecrets = async (userId: string) => ({
  totp: (await db.user.findUniqueOrThrow({ where: { id: userId } })).totpSecret!,
  codes: (await db.recoveryCode.findMany({ where: { userId }, orderBy: { id: 'asc' } })).map((c) => c.codeHash),
});

beforeEach(resetTestDb);

describe('verifySecondFactor', () => {
  it('accepts a current TOTP code once (the secret is decrypted from its stored form)', async () => {
    const { user, secret } = await enrolledUser();
    const now = new Date();
    const code = await currentTotpCode(secret, now);
    expect(await verifySecondFactor(secondFactorStore, keyMap, user.id, code, { allowRecoveryCode: true, now })).toEqual({ ok: true, method: 'totp' });
    expect(await verifySecondFactor(secondFactorStore, keyMap, user.id, code, { allowRecoveryCode: true, now })).toEqual({ ok: false, reason: 'replayed' });
  });

  it('accepts each recovery code once, however it is typed, and counts what is left', async () => {
    const { user, codes } = await enrolledUser();
    const typed = ` ${codes[0]!.toUpperCase().replaceAll('-', ' ')} `;
    expect(await verifySecondFactor(secondFactorStore, keyMap, user.id, typed, { allowRecoveryCode: true })).toEqual({
      ok: true,
      method: 'recovery-code',
      remaining: 9,
    });
    expect(await verifySecondFactor(secondFactorStore, keyMap, user.id, codes[0]!, { allowRecoveryCode: true })).toEqual({ ok: false, reason: 'invalid' });
    expect((await verifySecondFactor(secondFactorStore, keyMap, user.id, codes[1]!, { allowRecoveryCode: true })).ok).toBe(true);
  });

  it('lets exactly one of ten parallel requests use the same recovery code', async () => {
    const { user, codes } = await enrolledUser();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => verifySecondFactor(secondFactorStore, keyMap, user.id, codes[3]!, { allowRecoveryCode: true })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("rejects another user's recovery code, wrong codes, and recovery codes where they are not allowed", async () => {
    const { user, codes } = await enrolledUser();
    const other = await db.user.create({
      data: { email: 'other@example.com', name: 'O', passwordHash: 'x', totpSecret: encryptField(createTotpSecret(), keyMap), totpEnabledAt: new Date() },
    });
    expect((await verifySecondFactor(secondFactorStore, keyMap, other.id, codes[0]!, { allowRecoveryCode: true })).ok).toBe(false);
    expect((await verifySecondFactor(secondFactorStore, keyMap, user.id, codes[0]!, { allowRecoveryCode: false })).ok).toBe(false);
    for (const input of ['000000', "' OR 1=1 --", 'zzzz-zzzz-zz', '🔒🔒🔒🔒🔒🔒', 'a'.repeat(10_000)]) {
      expect((await verifySecondFactor(secondFactorStore, keyMap, user.id, input, { allowRecoveryCode: true })).ok, input.slice(0, 20)).toBe(false);
    }
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(0);
  });

  it('says not-enrolled for a user without TOTP', async () => {
    const user = await db.user.create({ data: { email: 'plain@example.com', name: 'P', passwordHash: 'x' } });
    expect(await verifySecondFactor(secondFactorStore, keyMap, user.id, '123456', { allowRecoveryCode: true })).toEqual({ ok: false, reason: 'not-enrolled' });
  });
});

describe('verifySecondFactor and SESSION_SECRETS rotation', () => {
  const rotated = { '2': testSecret('second-factor new key'), ...keyMap };
  let errors: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => errors.mockRestore());

  it('re-encrypts the TOTP secret and re-seals the recovery codes under the newest key after a successful code', async () => {
    const { user, secret, codes } = await enrolledUser();
    const now = new Date();
    expect(await verifySecondFactor(secondFactorStore, rotated, user.id, await currentTotpCode(secret, now), { allowRecoveryCode: true, now })).toEqual({ ok: true, method: 'totp' });
    const after = await storedSecrets(user.id);
    expect(after.totp).toMatch(/^v1\.2\./);
    expect(decryptField(after.totp, rotated)).toMatchObject({ ok: true, plaintext: secret, needsReencryption: false });
    expect(after.codes.every((value) => value.startsWith('v1.2.'))).toBe(true);
    // The old key is no longer needed for this user.
    const newOnly = { '2': rotated['2'] };
    expect((await verifySecondFactor(secondFactorStore, newOnly, user.id, codes[0]!, { allowRecoveryCode: true })).ok).toBe(true);
    expect(errors).not.toHaveBeenCalled();
  });

  it('leaves the stored values alone after a wrong code', async () => {
    const { user } = await enrolledUser();
    const before = await storedSecrets(user.id);
    expect(await verifySecondFactor(secondFactorStore, rotated, user.id, '000000', { allowRecoveryCode: true })).toEqual({ ok: false, reason: 'invalid' });
    expect(await storedSecrets(user.id)).toEqual(before);
  });

  it('a TOTP secret under a removed key is "unavailable" (nothing checked), with a log line for the operator', async () => {
    const { user, secret } = await enrolledUser();
    const now = new Date();
    const newOnly = { '2': rotated['2'] };
    expect(await verifySecondFactor(secondFactorStore, newOnly, user.id, await currentTotpCode(secret, now), { allowRecoveryCode: true, now })).toEqual({ ok: false, reason: 'unavailable' });
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^\\[secrets\\] TOTP secret of user ${user.id} cannot be decrypted \\(unknown-key\\).*secrets:reencrypt`)));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpLastStep).toBeNull();
  });

  it('recovery codes that all cannot be decrypted are "unavailable"; if any could be compared, a wrong code is "invalid"', async () => {
    const { user, codes } = await enrolledUser();
    const newOnly = { '2': rotated['2'] };
    expect(await verifySecondFactor(secondFactorStore, newOnly, user.id, codes[0]!, { allowRecoveryCode: true })).toEqual({ ok: false, reason: 'unavailable' });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining(`[secrets] 10 recovery code(s) of user ${user.id} cannot be decrypted`));
    // One row readable under the new key: a guess is really compared, so it counts.
    const [first] = await db.recoveryCode.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } });
    await db.recoveryCode.update({ where: { id: first!.id }, data: { codeHash: sealRecoveryCode(user.id, 'zzzz-zzzz-zz', newOnly) } });
    expect(await verifySecondFactor(secondFactorStore, newOnly, user.id, codes[5]!, { allowRecoveryCode: true })).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifySecondFactor(secondFactorStore, newOnly, user.id, 'zzzz-zzzz-zz', { allowRecoveryCode: true })).toMatchObject({ ok: true, method: 'recovery-code' });
  });

  it('accepts a recovery code stored in the old unsalted SHA-256 format once, and re-seals the rest', async () => {
    const { user, codes } = await enrolledUser();
    const rows = await db.recoveryCode.findMany({ where: { userId: user.id } });
    const sha256 = (code: string) => createHash('sha256').update(normalizeRecoveryCode(code)!).digest('hex');
    // Rewrite every row as the previous release stored it.
    await db.recoveryCode.deleteMany({ where: { userId: user.id } });
    await db.recoveryCode.createMany({ data: codes.map((code, i) => ({ id: rows[i]!.id, userId: user.id, codeHash: sha256(code) })) });
    expect(await verifySecondFactor(secondFactorStore, keyMap, user.id, codes[0]!, { allowRecoveryCode: true })).toMatchObject({ ok: true, remaining: 9 });
    const after = await storedSecrets(user.id);
    expect(after.codes.filter((value) => /^[0-9a-f]{64}$/.test(value))).toEqual([]);
    expect(await verifySecondFactor(secondFactorStore, keyMap, user.id, codes[0]!, { allowRecoveryCode: true })).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifySecondFactor(secondFactorStore, keyMap, user.id, codes[1]!, { allowRecoveryCode: true })).toMatchObject({ ok: true, remaining: 8 });
  });
});
