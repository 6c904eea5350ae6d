// The second factor at sign-in, step-up and MFA changes: a TOTP code, or one of
// the user's recovery codes. Both are single-use — a TOTP code through
// User.totpLastStep, a recovery code by setting usedAt in a conditional update
// that only one request can win. Framework-free (tests use a real database).
//
// A stored secret that cannot be decrypted with SESSION_SECRETS (its key was
// removed too early) is an operator error: logged, answered 'unavailable', and
// never the user's failed attempt — no code was checked, so no guess was made.
// After a success, the user's secrets are re-sealed under the sealing key.
import type { Db } from '../../db/client';
import { decryptField } from '../../crypto/field-encryption';
import { resealUserSecrets } from '../../dal/reseal-secrets';
import type { Keys } from '../../config/sealing-key';
import { matchRecoveryCode, normalizeRecoveryCode } from './recovery-codes';
import { acceptTotpCode, normalizeTotpInput } from './totp';

export type SecondFactorResult =
  | { ok: true; method: 'totp' }
  | { ok: true; method: 'recovery-code'; remaining: number }
  | { ok: false; reason: 'invalid' | 'replayed' | 'not-enrolled' }
  /** Nothing could be checked: the stored secrets cannot be decrypted (see the server log). Not a failed attempt. */
  | { ok: false; reason: 'unavailable' };

/** What the user sees for 'unavailable'. */
export const SECOND_FACTOR_UNAVAILABLE =
  'Your code cannot be checked right now because of a problem on our side. It did not count as a failed attempt. Please try again later.';

/** Longest input worth looking at (a recovery code with generous spacing). */
export const MAX_CODE_INPUT = 64;

const operatorHint = 'SESSION_SECRETS lacks the key it was encrypted with: put that key back (run `npm run secrets:reencrypt` before removing a key)';

export async function verifySecondFactor(
  db: Db,
  keys: Keys,
  userId: string,
  input: string,
  options: { allowRecoveryCode: boolean; now?: Date },
): Promise<SecondFactorResult> {
  const now = options.now ?? new Date();
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || !user.totpEnabledAt) return { ok: false, reason: 'not-enrolled' };
  if (input.length > MAX_CODE_INPUT) return { ok: false, reason: 'invalid' };

  let result: SecondFactorResult;
  if (normalizeTotpInput(input)) {
    const secret = decryptField(user.totpSecret, keys);
    if (!secret.ok) {
      console.error(`[secrets] TOTP secret of user ${userId} cannot be decrypted (${secret.reason}): ${operatorHint}. Not counted as a failed attempt.`);
      return { ok: false, reason: 'unavailable' };
    }
    const accepted = await acceptTotpCode(db, { id: userId, secret: secret.plaintext }, input, now);
    result = accepted.ok ? { ok: true, method: 'totp' } : { ok: false, reason: accepted.reason };
  } else if (!options.allowRecoveryCode || !normalizeRecoveryCode(input)) {
    return { ok: false, reason: 'invalid' };
  } else {
    result = await spendRecoveryCode(db, keys, userId, input, now);
  }
  if (result.ok) await resealQuietly(db, keys, userId);
  return result;
}

async function spendRecoveryCode(db: Db, keys: Keys, userId: string, input: string, now: Date): Promise<SecondFactorResult> {
  const rows = await db.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  const found = matchRecoveryCode(rows, userId, input, keys);
  if (found.status === 'no-match') {
    if (found.unreadable > 0) {
      console.error(`[secrets] ${found.unreadable} recovery code(s) of user ${userId} cannot be decrypted: ${operatorHint}.`);
    }
    // Only when not one code could be compared was no guess made.
    return found.unreadable > 0 && found.checked === 0 ? { ok: false, reason: 'unavailable' } : { ok: false, reason: 'invalid' };
  }
  // Conditional on usedAt: of parallel requests with the same code, one wins.
  const { count } = await db.recoveryCode.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) return { ok: false, reason: 'invalid' };
  const remaining = await db.recoveryCode.count({ where: { userId, usedAt: null } });
  return { ok: true, method: 'recovery-code', remaining };
}

/** Re-sealing is housekeeping: it must never turn a successful sign-in into an error. */
async function resealQuietly(db: Db, keys: Keys, userId: string): Promise<void> {
  try {
    await resealUserSecrets(db, keys, userId);
  } catch (error) {
    console.error(`[secrets] re-encrypting the secrets of user ${userId} failed`, error);
  }
}
