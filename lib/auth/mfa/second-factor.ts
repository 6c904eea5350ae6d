// The second factor at sign-in, step-up and MFA changes: a TOTP code, or one of
// the user's recovery codes. Both are single-use — a TOTP code through
// User.totpLastStep, a recovery code by setting usedAt in a conditional update
// that only one request can win. Framework-free (tests use a real database).
//
// A stored secret that cannot be decrypted with SESSION_SECRETS (its key was
// removed too early) is an operator error: logged, answered 'unavailable', and
// never the user's failed attempt — no code was checked, so no guess was made.
// After a success, the user's secrets are re-sealed under the sealing key.
//
// The rows come through a SecondFactorStore (the app's is lib/dal/mfa.ts), so
// this folder stays free of the database and of Next: the seed and the e2e
// harness import it.
import { decryptField } from '../../crypto/field-encryption';
import type { Keys } from '../../config/sealing-key';
import { matchRecoveryCode, normalizeRecoveryCode } from './recovery-codes';
import { acceptTotpCode, normalizeTotpInput } from './totp';

/** Reads and single-use writes of a user's TOTP step and recovery codes (lib/dal/mfa.ts). */
export type SecondFactorStore = {
  fetchTotpState(userId: string): Promise<{ totpSecret: string | null; totpEnabledAt: Date | null } | null>;
  /** True once per time step later than the last accepted one. */
  consumeTotpStep(userId: string, timeStep: number): Promise<boolean>;
  fetchUnusedRecoveryCodes(userId: string): Promise<{ id: string; codeHash: string }[]>;
  /** True for the one request that marks the code used. */
  consumeRecoveryCode(id: string, now: Date): Promise<boolean>;
  countUnusedRecoveryCodes(userId: string): Promise<number>;
  /** Re-seals the user's secrets under the sealing key. */
  resealSecrets(userId: string, keys: Keys): Promise<unknown>;
};

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
  store: SecondFactorStore,
  keys: Keys,
  userId: string,
  input: string,
  options: { allowRecoveryCode: boolean; now?: Date },
): Promise<SecondFactorResult> {
  const now = options.now ?? new Date();
  const user = await store.fetchTotpState(userId);
  if (!user?.totpSecret || !user.totpEnabledAt) return { ok: false, reason: 'not-enrolled' };
  if (input.length > MAX_CODE_INPUT) return { ok: false, reason: 'invalid' };

  let result: SecondFactorResult;
  if (normalizeTotpInput(input)) {
    const secret = decryptField(user.totpSecret, keys);
    if (!secret.ok) {
      console.error(`[secrets] TOTP secret of user ${userId} cannot be decrypted (${secret.reason}): ${operatorHint}. Not counted as a failed attempt.`);
      return { ok: false, reason: 'unavailable' };
    }
    const accepted = await acceptTotpCode(store, { id: userId, secret: secret.plaintext }, input, now);
    result = accepted.ok ? { ok: true, method: 'totp' } : { ok: false, reason: accepted.reason };
  } else if (!options.allowRecoveryCode || !normalizeRecoveryCode(input)) {
    return { ok: false, reason: 'invalid' };
  } else {
    result = await spendRecoveryCode(store, keys, userId, input, now);
  }
  if (result.ok) await resealQuietly(store, keys, userId);
  return result;
}

async function spendRecoveryCode(store: SecondFactorStore, keys: Keys, userId: string, input: string, now: Date): Promise<SecondFactorResult> {
  const rows = await store.fetchUnusedRecoveryCodes(userId);
  const found = matchRecoveryCode(rows, userId, input, keys);
  if (found.status === 'no-match') {
    if (found.unreadable > 0) {
      console.error(`[secrets] ${found.unreadable} recovery code(s) of user ${userId} cannot be decrypted: ${operatorHint}.`);
    }
    // Only when not one code could be compared was no guess made.
    return found.unreadable > 0 && found.checked === 0 ? { ok: false, reason: 'unavailable' } : { ok: false, reason: 'invalid' };
  }
  // Conditional on usedAt: of parallel requests with the same code, one wins.
  if (!(await store.consumeRecoveryCode(found.id, now))) return { ok: false, reason: 'invalid' };
  const remaining = await store.countUnusedRecoveryCodes(userId);
  return { ok: true, method: 'recovery-code', remaining };
}

/** Re-sealing is housekeeping: it must never turn a successful sign-in into an error. */
async function resealQuietly(store: SecondFactorStore, keys: Keys, userId: string): Promise<void> {
  try {
    await store.resealSecrets(userId, keys);
  } catch (error) {
    console.error(`[secrets] re-encrypting the secrets of user ${userId} failed`, error);
  }
}
