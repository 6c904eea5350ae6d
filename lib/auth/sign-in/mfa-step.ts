import 'server-only';
// The code step of signing in: the pending-login cookie says who passed the
// first factor; a valid TOTP code or recovery code — throttled like passwords,
// single-use — turns it into a session (regenerated, mfaVerified). The pending
// login is consumed in the database, so its cookie cannot be used twice
// (second-factor-step.ts, shared with the passkey second factor).
import { secondFactorStore } from '../../dal/mfa';
import { sessionKeys } from '../../env';
import type { RequestContext } from '../../session';
import { audit, loginThrottle } from './guard';
import { beginSecondFactorStep, failSecondFactorStep, finishSecondFactorStep } from './second-factor-step';
import { verifySecondFactor } from '../mfa';
import { notifyUser } from '../notify';

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

export async function completeMfaStep(code: string, context: RequestContext): Promise<MfaStepResult> {
  const now = new Date();
  const step = await beginSecondFactorStep(context, now);
  if (!('pending' in step)) return step;
  const { pending, attempt } = step;

  const result = await verifySecondFactor(secondFactorStore, sessionKeys, pending.userId, code, { allowRecoveryCode: true, now });
  if (!result.ok && result.reason === 'unavailable') {
    await loginThrottle.releaseAttempt(attempt.ticket, now);
    return { status: 'unavailable' };
  }
  if (!result.ok) {
    const { locked, codeFailuresLeft } = await failSecondFactorStep(step, { method: pending.method, reason: result.reason });
    if (locked) return { status: 'blocked' };
    return { status: 'invalid', warning: codeGuessWarning(codeFailuresLeft, loginThrottle.config.maxFailures) };
  }

  const finished = await finishSecondFactorStep(step, result.method);
  if (finished.status === 'signed-in' && result.method === 'recovery-code') {
    await audit({ type: 'mfa.recovery_code_used', userId: pending.userId, ...context, detail: { remaining: result.remaining } });
    notifyUser(pending.userId, { kind: 'recovery-code-used', during: 'sign-in', remaining: result.remaining }, { now });
  }
  return finished;
}
