// The second factor at sign-in, step-up and MFA changes: a TOTP code, or one of
// the user's recovery codes. Both are single-use — a TOTP code through
// User.totpLastStep, a recovery code by setting usedAt in a conditional update
// that only one request can win. Framework-free (tests use a real database).
import type { Db } from '../db/client';
import { decryptField } from '../crypto/field-encryption';
import type { PasswordMap } from '../config/secrets';
import { hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes';
import { acceptTotpCode, normalizeTotpInput } from './totp';

export type SecondFactorResult =
  | { ok: true; method: 'totp' }
  | { ok: true; method: 'recovery-code'; remaining: number }
  | { ok: false; reason: 'invalid' | 'replayed' | 'not-enrolled' };

/** Longest input worth looking at (a recovery code with generous spacing). */
export const MAX_CODE_INPUT = 64;

export async function verifySecondFactor(
  db: Db,
  passwords: PasswordMap,
  userId: string,
  input: string,
  options: { allowRecoveryCode: boolean; now?: Date },
): Promise<SecondFactorResult> {
  const now = options.now ?? new Date();
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || !user.totpEnabledAt) return { ok: false, reason: 'not-enrolled' };
  if (input.length > MAX_CODE_INPUT) return { ok: false, reason: 'invalid' };

  if (normalizeTotpInput(input)) {
    const secret = decryptField(user.totpSecret, passwords);
    if (!secret.ok) {
      console.error(`[auth] TOTP secret of user ${userId} cannot be decrypted (${secret.reason})`);
      return { ok: false, reason: 'invalid' };
    }
    const accepted = await acceptTotpCode(db, { id: userId, secret: secret.plaintext }, input, now);
    return accepted.ok ? { ok: true, method: 'totp' } : { ok: false, reason: accepted.reason };
  }

  if (!options.allowRecoveryCode || !normalizeRecoveryCode(input)) return { ok: false, reason: 'invalid' };
  const used = await consumeRecoveryCode(db, userId, input, now);
  if (!used) return { ok: false, reason: 'invalid' };
  const remaining = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return { ok: true, method: 'recovery-code', remaining };
}

/** Marks a matching unused recovery code as used. True only for the one request that did so. */
export async function consumeRecoveryCode(db: Db, userId: string, input: string, now: Date): Promise<boolean> {
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(input), usedAt: null },
    data: { usedAt: now },
  });
  // Two identical codes cannot exist in practice (50 random bits each); if they
  // did, updateMany would have used both — still never more than "this input once".
  return count >= 1;
}
