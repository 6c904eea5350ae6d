import 'server-only';
// The code step of signing in: the pending-login cookie says who passed the
// first factor; a valid TOTP code or recovery code — throttled like passwords,
// single-use — turns it into a session (regenerated, mfaVerified). The pending
// login is consumed in the database, so its cookie cannot be used twice.
import { db } from '../../db';
import { sessionKeys } from '../../env';
import type { RequestContext } from '../../session';
import { establishSession } from './establish-session';
import { audit, failAttempt, loginThrottle, startAttempt, succeedAttempt } from './guard';
import { clearPendingLoginCookie, consumePendingLogin, readPendingLogin, type PendingLogin } from './pending-login';
import { verifySecondFactor } from '../mfa';
import { completePendingSsoLink } from '../sso/pending-link';

export const INVALID_CODE = 'That code is not valid. Check your authenticator app and try again.';

/** Shown with a wrong code once the next lock would be the one that needs an out-of-band unlock. */
export function codeGuessWarning(codeFailuresLeft: number | undefined, maxFailures: number): string | undefined {
  if (codeFailuresLeft === undefined || codeFailuresLeft > maxFailures) return undefined;
  const codes = codeFailuresLeft === 1 ? '1 more wrong code' : `${codeFailuresLeft} more wrong codes`;
  return `Too many wrong codes. After ${codes} this account will be locked until its owner contacts support.`;
}

export type MfaStepResult =
  | { status: 'signed-in'; next: string }
  | { status: 'invalid'; warning?: string }
  /** The stored secrets cannot be decrypted (an operator error): not counted against the user. */
  | { status: 'unavailable' }
  | { status: 'blocked' }
  /** No usable pending login (expired, consumed, user changed): start again at /login. */
  | { status: 'restart' };

/** The pending login, if it still leads anywhere: the user exists, has TOTP or a passkey, and changed no password since. */
export async function currentPendingLogin(now: Date = new Date()): Promise<(PendingLogin & { email: string; totpEnabled: boolean; passkeys: number }) | undefined> {
  const pending = await readPendingLogin(now);
  if (!pending) return undefined;
  const user = await db.user.findUnique({
    where: { id: pending.userId },
    select: { email: true, totpEnabledAt: true, passwordChangedAt: true, _count: { select: { passkeys: true } } },
  });
  if (!user || (!user.totpEnabledAt && user._count.passkeys === 0)) return undefined;
  if (pending.method === 'password' && user.passwordChangedAt.getTime() > pending.issuedAt) return undefined;
  return { ...pending, email: user.email, totpEnabled: user.totpEnabledAt !== null, passkeys: user._count.passkeys };
}

export async function completeMfaStep(code: string, context: RequestContext): Promise<MfaStepResult> {
  const now = new Date();
  const pending = await currentPendingLogin(now);
  if (!pending) {
    await clearPendingLoginCookie();
    return { status: 'restart' };
  }

  const attempt = await startAttempt({ email: pending.email, userId: pending.userId }, 'mfa', context);
  if (!attempt) {
    await clearPendingLoginCookie();
    return { status: 'blocked' };
  }

  const result = await verifySecondFactor(db, sessionKeys, pending.userId, code, { allowRecoveryCode: true, now });
  if (!result.ok && result.reason === 'unavailable') {
    await loginThrottle.releaseAttempt(attempt.ticket, now);
    return { status: 'unavailable' };
  }
  if (!result.ok) {
    const { locked, codeFailuresLeft } = await failAttempt(attempt, { method: pending.method, reason: result.reason }, { secondFactor: true });
    if (locked) {
      await clearPendingLoginCookie();
      return { status: 'blocked' };
    }
    return { status: 'invalid', warning: codeGuessWarning(codeFailuresLeft, loginThrottle.config.maxFailures) };
  }

  if (!(await consumePendingLogin(pending))) {
    // The same pending login already completed once: a replayed cookie.
    await audit({ type: 'mfa.failure', userId: pending.userId, ...context, detail: { attempt: 'mfa', reason: 'pending-login-reused' } });
    return { status: 'restart' };
  }
  if (!(await succeedAttempt(attempt, { secondFactorVerified: true }))) return { status: 'blocked' };

  if (result.method === 'recovery-code') {
    await audit({ type: 'mfa.recovery_code_used', userId: pending.userId, ...context, detail: { remaining: result.remaining } });
  }
  await establishSession(pending.userId, { method: result.method, mfaVerified: true, context });
  await completePendingSsoLink(pending.userId, pending.method, context); // an SSO link awaiting this user's consent (ADR 020)
  return { status: 'signed-in', next: pending.next };
}
