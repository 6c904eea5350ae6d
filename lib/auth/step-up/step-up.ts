import 'server-only';
// Step-up re-authentication (ASVS 7.5): a signed-in user proves themselves
// again with the strongest factor they have (ADR 030) — here the password, plus
// a TOTP or recovery code when MFA is on; a user with a passkey steps up with
// the passkey (passkey-step-up.ts), never with this form. Success regenerates
// the session (a new id and secret, authenticatedAt = now); failures count on
// the account's in-session counter — no lock from the sign-in page refuses it
// (ADR 031) — and a lock ends every session including this one.
import { fetchUserCredentials } from '../../dal/users';
import { secondFactorStore } from '../../dal/mfa';
import { hasUsablePasskey } from '../../dal/passkeys';
import { sessionKeys } from '../../env';
import type { RequestContext, Session } from '../../session';
import { establishSession, audit, failAttempt, loginThrottle, succeedAttempt, checkPasswordOf, startUserAttempt } from '../sign-in';
import { SECOND_FACTOR_UNAVAILABLE, verifySecondFactor } from '../mfa';
import { notifyUser } from '../notify';
import { strongestLevelOf } from '../../session/auth-level';

export const REAUTH_FAILED = 'Password or code is incorrect.';
export const REAUTH_PASSWORD_FAILED = 'Your password is incorrect.';
export const REAUTH_USE_PASSKEY = 'Your account has a passkey, so confirm it’s you with your passkey.';

export type StepUpResult =
  /** `sessionId`: the regenerated session; `method`: the factors that were checked. */
  | { status: 'ok'; sessionId: string; method: 'password' | 'password+totp' }
  | { status: 'invalid'; message: string }
  /** The user has a passkey: the password (and code) is not their strongest factor; nothing was checked. */
  | { status: 'passkey-required'; message: string }
  /** Refused by the throttle (IP limit); the session lives on. */
  | { status: 'blocked' }
  /** This failure locked the account: every session, this one included, is revoked. */
  | { status: 'locked' };

export async function reauthenticate(
  current: { session: Session; user: { id: string; totpEnabled: boolean } },
  input: { password: string; code: string },
  context: RequestContext,
): Promise<StepUpResult> {
  const user = await fetchUserCredentials(current.user.id);
  if (!user) return { status: 'blocked' };
  // Refused before any check: a session thief learns nothing about the password here.
  const totpEnabled = user.totpEnabledAt !== null;
  const hasPasskey = await hasUsablePasskey(user.id);
  if (strongestLevelOf({ hasPasskey, totpEnabled }) === 'phishing-resistant') return { status: 'passkey-required', message: REAUTH_USE_PASSKEY };
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
      ? await verifySecondFactor(secondFactorStore, sessionKeys, user.id, input.code, { allowRecoveryCode: true })
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
    notifyUser(user.id, { kind: 'recovery-code-used', during: 'step-up' });
  }
  // establishSession revokes the session the cookie names and creates a new one.
  const { sessionId } = await establishSession(user.id, {
    method: 'reauth',
    mfaVerified: totpEnabled,
    authLevel: totpEnabled ? 'multi-factor' : 'single-factor',
    context,
  });
  return { status: 'ok', sessionId, method: totpEnabled ? 'password+totp' : 'password' };
}
