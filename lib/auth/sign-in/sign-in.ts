import 'server-only';
// The password step, guarded by the throttle. Unknown emails cost the same
// argon2 work as known ones and run through an identical counter, and every
// failure has the same shape, so neither the message, the lockout nor the
// timing tells an attacker which emails have accounts.
import { fetchUserForSignIn, updatePasswordHash } from '../../dal/users';
import type { RequestContext } from '../../session';
import { failAttempt, startAttempt, succeedAttempt, type AttemptKind, type GuardedAttempt } from './guard';
import { hashPassword, primeDummyPasswordHash, verifyPassword, verifyPasswordAgainstDummy } from '../password';
import { normalizeEmail } from '../input';
import { isProofOf, type DeviceProof } from '../device';

// Build the dummy hash as soon as the login code loads (the login page renders
// before anyone can post to it), so not even the first unknown email is faster.
primeDummyPasswordHash().catch((error: unknown) => console.error('[auth] priming the dummy password hash failed', error));

/** The one message for every failed sign-in. */
export const INVALID_CREDENTIALS = 'Email or password is incorrect.';

export type PasswordSignIn =
  | { status: 'ok'; user: { id: string; totpEnabled: boolean } }
  | { status: 'invalid' }
  /** Locked account or IP over its limit: say only SIGN_IN_BLOCKED. */
  | { status: 'blocked' };

/**
 * Checks an email and password with throttling and auditing around it. On
 * success the attempt's own slot is handed back; earlier failures keep
 * counting until their window is over (a success resets nothing, so it leaves
 * no trace an attacker could see — ADR 018). deviceProof: the one this browser
 * holds; when it is this user's, the attempt counts on the known-device counter
 * that outsiders cannot lock (ADR 031).
 */
export async function attemptPasswordSignIn(input: {
  email: string;
  password: string;
  deviceProof?: DeviceProof;
  context: RequestContext;
}): Promise<PasswordSignIn> {
  const email = normalizeEmail(input.email);
  const user = await fetchUserForSignIn(email);
  // The same counter and the same statements whether or not the email has an account.
  const knownDevice = user !== null && isProofOf(input.deviceProof, user);
  const attempt = await startAttempt({ email, userId: user?.id ?? null, knownDevice }, 'password', input.context);
  if (!attempt) return { status: 'blocked' };

  if (!user) {
    await verifyPasswordAgainstDummy(input.password);
    const { locked } = await failAttempt(attempt, { method: 'password' });
    return locked ? { status: 'blocked' } : { status: 'invalid' };
  }

  // A disabled account (ADR 044) fails like a wrong password — after the same
  // hash check, so neither the text nor the timing tells it apart.
  if (!(await checkPasswordOf(user, input.password)) || user.disabledAt !== null) {
    const { locked } = await failAttempt(attempt, { method: 'password' });
    return locked ? { status: 'blocked' } : { status: 'invalid' };
  }

  const totpEnabled = user.totpEnabledAt !== null;
  if (!(await succeedAttempt(attempt))) return { status: 'blocked' }; // locked by parallel failures meanwhile
  return { status: 'ok', user: { id: user.id, totpEnabled } };
}

/** Verifies a known user's password; upgrades the hash when its parameters are outdated. */
export async function checkPasswordOf(user: { id: string; passwordHash: string }, password: string): Promise<boolean> {
  const verification = await verifyPassword(user.passwordHash, password);
  if (!verification.ok) {
    if (verification.reason === 'malformed-hash') console.error(`[auth] password hash of user ${user.id} is not an Argon2 PHC string`);
    return false;
  }
  if (verification.needsRehash) {
    await updatePasswordHash(user.id, await hashPassword(password));
  }
  return true;
}

/**
 * For signed-in users proving themselves again (step-up, password change, MFA
 * changes): the same rules as the login page, on the account's in-session
 * counter, which outsiders' failures never lock (ADR 031).
 */
export async function startUserAttempt(
  user: { id: string; email: string },
  kind: AttemptKind,
  context: RequestContext,
): Promise<GuardedAttempt | undefined> {
  return startAttempt({ email: user.email, userId: user.id }, kind, context);
}
