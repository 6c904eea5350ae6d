import 'server-only';
// Step-up re-authentication (ASVS 7.5): a signed-in user proves themselves
// again — password, plus a TOTP or recovery code when MFA is on — before
// money movement or credential changes. Success regenerates the session (a new
// id and secret, authenticatedAt = now); failures count on the account's
// in-session counter — no lock from the sign-in page refuses it (ADR 031) — and
// a lock ends every session including this one.
import { db } from '../../db';
import { sessionKeys } from '../../env';
import type { RequestContext, Session } from '../../session';
import { establishSession, audit, failAttempt, loginThrottle, succeedAttempt, checkPasswordOf, startUserAttempt } from '../sign-in';
import { SECOND_FACTOR_UNAVAILABLE, verifySecondFactor } from '../mfa';

export const REAUTH_FAILED = 'Password or code is incorrect.';
export const REAUTH_PASSWORD_FAILED = 'Your password is incorrect.';

export type StepUpResult =
  /** `sessionId`: the regenerated session; `method`: the factors that were checked. */
  | { status: 'ok'; sessionId: string; method: 'password' | 'password+totp' }
  | { status: 'invalid'; message: string }
  /** Refused by the throttle (IP limit); the session lives on. */
  | { status: 'blocked' }
  /** This failure locked the account: every session, this one included, is revoked. */
  | { status: 'locked' };

export async function reauthenticate(
  current: { session: Session; user: { id: string; totpEnabled: boolean } },
  input: { password: string; code: string },
  context: RequestContext,
): Promise<StepUpResult> {
  const user = await db.user.findUnique({
    where: { id: current.user.id },
    select: { id: true, email: true, passwordHash: true, totpEnabledAt: true },
  });
  if (!user) return { status: 'blocked' };
  const totpEnabled = user.totpEnabledAt !== null;
  const attempt = await startUserAttempt(user, 'reauth', context);
  if (!attempt) return { status: 'blocked' };

  // Both factors are always checked and the failure never says which one was
  // wrong: someone holding a stolen session learns nothing about the password.
  const passwordOk = await checkPasswordOf(user, input.password);
  let codeOk = true;
  let codeMethod: 'totp' | 'recovery-code' | undefined;
  if (totpEnabled) {
    // A code is consumed only together with the right password: with a wrong
    // password, a correct code must not be burnt (nor confirmed as correct).
    const second = passwordOk
      ? await verifySecondFactor(db, sessionKeys, user.id, input.code, { allowRecoveryCode: true })
      : ({ ok: false, reason: 'invalid' } as const);
    if (!second.ok && second.reason === 'unavailable') {
      await loginThrottle.releaseAttempt(attempt.ticket);
      return { status: 'invalid', message: SECOND_FACTOR_UNAVAILABLE };
    }
    codeOk = second.ok;
    codeMethod = second.ok ? second.method : undefined;
  }

  if (!passwordOk || !codeOk) {
    // A wrong code after the right password also counts toward the cap across lock cycles.
    const { locked } = await failAttempt(attempt, { factor: !passwordOk ? 'password' : 'code' }, { secondFactor: passwordOk });
    if (locked) return { status: 'locked' };
    return { status: 'invalid', message: totpEnabled ? REAUTH_FAILED : REAUTH_PASSWORD_FAILED };
  }
  if (!(await succeedAttempt(attempt, { secondFactorVerified: totpEnabled }))) return { status: 'blocked' };
  if (codeMethod === 'recovery-code') {
    await audit({ type: 'mfa.recovery_code_used', userId: user.id, ...context, detail: { during: 'reauth' } });
  }
  // establishSession revokes the session the cookie names and creates a new one.
  const { sessionId } = await establishSession(user.id, {
    method: 'reauth',
    mfaVerified: totpEnabled ? true : current.session.mfaVerified,
    context,
  });
  return { status: 'ok', sessionId, method: totpEnabled ? 'password+totp' : 'password' };
}
