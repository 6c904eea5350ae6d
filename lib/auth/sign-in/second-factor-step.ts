import 'server-only';
// What every second factor (a TOTP or recovery code, a passkey) does around
// its own check, in one place: find the pending login and take a throttle
// attempt for it; count a failure (a lock ends the pending login); on success
// consume the pending login once — a replayed cookie cannot complete twice —
// and create the regenerated, mfaVerified session (ADR 011).
import type { RequestContext } from '../../session';
import type { SignInMethod } from './establish-session';
import { establishSession } from './establish-session';
import { audit, failAttempt, startAttempt, succeedAttempt, type FailAttemptResult, type GuardedAttempt } from './guard';
import { currentPendingLogin, type CurrentPendingLogin } from './current-pending-login';
import { clearPendingLoginCookie, consumePendingLogin } from './pending-login';
import { isKnownDeviceOf } from '../device';
import { armPendingSsoLinkAfterSignIn, SSO_LINK_CONFIRM_PATH } from '../sso/pending-link';

export type SecondFactorStep = { pending: CurrentPendingLogin; attempt: GuardedAttempt; context: RequestContext };

/** Why a second factor cannot even be tried: no usable pending login (start again), or the account is locked. */
export type SecondFactorRefusal = { status: 'restart' } | { status: 'blocked' };

export async function beginSecondFactorStep(context: RequestContext, now: Date = new Date()): Promise<SecondFactorStep | SecondFactorRefusal> {
  const pending = await currentPendingLogin(now);
  if (!pending) {
    await clearPendingLoginCookie();
    return { status: 'restart' };
  }
  const knownDevice = await isKnownDeviceOf(pending.userId, now);
  const attempt = await startAttempt({ email: pending.email, userId: pending.userId, knownDevice }, 'mfa', context);
  if (!attempt) {
    await clearPendingLoginCookie();
    return { status: 'blocked' };
  }
  return { pending, attempt, context };
}

/** A wrong second factor, counted like a wrong password; a lock also ends the pending login. */
export async function failSecondFactorStep(step: SecondFactorStep, detail: Record<string, string>): Promise<FailAttemptResult> {
  const outcome = await failAttempt(step.attempt, detail, { secondFactor: true });
  if (outcome.locked) await clearPendingLoginCookie();
  return outcome;
}

export async function finishSecondFactorStep(
  step: SecondFactorStep,
  method: SignInMethod,
): Promise<{ status: 'signed-in'; next: string } | SecondFactorRefusal> {
  const { pending, attempt, context } = step;
  if (!(await consumePendingLogin(pending))) {
    // The same pending login already completed once: a replayed cookie.
    await audit({ type: 'mfa.failure', userId: pending.userId, ...context, detail: { attempt: 'mfa', reason: 'pending-login-reused' } });
    return { status: 'restart' };
  }
  if (!(await succeedAttempt(attempt, { secondFactorVerified: true }))) return { status: 'blocked' };
  // The password, then a passkey (phishing-resistant) or a code (multi-factor).
  const { sessionId } = await establishSession(pending.userId, { method, mfaVerified: true, authLevel: method === 'passkey' ? 'phishing-resistant' : 'multi-factor', context });
  // An SSO link waiting in this browser is never made by signing in: its owner confirms it on a page naming it (ADR 032).
  const confirmLink = await armPendingSsoLinkAfterSignIn(pending.userId, pending.method, sessionId);
  return { status: 'signed-in', next: confirmLink ? SSO_LINK_CONFIRM_PATH : pending.next };
}
