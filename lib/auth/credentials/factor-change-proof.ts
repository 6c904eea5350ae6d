import 'server-only';
// Proof for adding or removing an authenticator (ADR 030): in the same request,
// the current password and — where the account already has a second factor — a
// fresh proof of one: a TOTP or recovery code, or a passkey assertion over a
// challenge bound to this session and to "factor-change". A session cookie
// alone, however fresh, changes no factor. Checked under the same throttle and
// lockout as every password check; a failure never says which part was wrong.
import { fetchUserCredentials } from '../../dal/users';
import { secondFactorStore } from '../../dal/mfa';
import { hasUsablePasskey } from '../../dal/passkeys';
import { sessionKeys } from '../../env';
import type { RequestContext, Session } from '../../session';
import { checkFactorChangeProof } from '../passkeys/passkey-step-up';
import { audit, failAttempt, loginThrottle, succeedAttempt, checkPasswordOf, startUserAttempt } from '../sign-in';
import { SECOND_FACTOR_UNAVAILABLE, verifySecondFactor } from '../mfa';
import { notifyUser } from '../notify';

export type FactorChangeInput = { password: string; code: string; passkeyAssertion?: unknown };

export type FactorChangeProof =
  | { status: 'proven'; with: 'password' | 'totp' | 'recovery-code' | 'passkey' }
  | { status: 'invalid'; message: string }
  | { status: 'blocked' }
  /** This failure locked the account: every session, this one included, is revoked. */
  | { status: 'locked' };

export const FACTOR_PASSWORD_FAILED = 'Your password is incorrect.';
export const FACTOR_PROOF_FAILED = 'Password or second factor is incorrect.';

type SecondFactorCheck = { ok: true; with: 'totp' | 'recovery-code' | 'passkey' } | { ok: false; reason: string };

export async function proveFactorChange(
  current: { session: Session; user: { id: string; email: string } },
  input: FactorChangeInput,
  kind: 'mfa-enable' | 'mfa-disable',
  context: RequestContext,
): Promise<FactorChangeProof> {
  const user = await fetchUserCredentials(current.user.id);
  if (!user) return { status: 'blocked' };
  const hasTotp = user.totpEnabledAt !== null;
  const hasPasskey = await hasUsablePasskey(user.id);
  const attempt = await startUserAttempt(user, kind, context);
  if (!attempt) return { status: 'blocked' };
  const passwordOk = await checkPasswordOf(user, input.password);

  if (!hasTotp && !hasPasskey) {
    // The first factor beyond the password is added with the password.
    if (!passwordOk) {
      const { locked } = await failAttempt(attempt, { factor: 'password' });
      return locked ? { status: 'locked' } : { status: 'invalid', message: FACTOR_PASSWORD_FAILED };
    }
    return (await succeedAttempt(attempt)) ? { status: 'proven', with: 'password' } : { status: 'blocked' };
  }

  // A second factor is tried (and spent) only together with the right password.
  let second: SecondFactorCheck = { ok: false, reason: 'missing' };
  if (passwordOk && hasPasskey && input.passkeyAssertion !== undefined) {
    const assertion = await checkFactorChangeProof(current, input.passkeyAssertion, context);
    second = assertion.status === 'ok' ? { ok: true, with: 'passkey' } : { ok: false, reason: `passkey-${assertion.status}` };
  } else if (passwordOk && hasTotp && input.code) {
    const code = await verifySecondFactor(secondFactorStore, sessionKeys, user.id, input.code, { allowRecoveryCode: true });
    if (!code.ok && code.reason === 'unavailable') {
      await loginThrottle.releaseAttempt(attempt.ticket);
      return { status: 'invalid', message: SECOND_FACTOR_UNAVAILABLE };
    }
    second = code.ok ? { ok: true, with: code.method } : { ok: false, reason: code.reason };
  }
  if (!second.ok) {
    const wrongFactor = passwordOk;
    const { locked } = await failAttempt(attempt, { factor: wrongFactor ? 'second-factor' : 'password', ...(wrongFactor ? { reason: second.reason } : {}) }, { secondFactor: wrongFactor });
    return locked ? { status: 'locked' } : { status: 'invalid', message: FACTOR_PROOF_FAILED };
  }
  if (!(await succeedAttempt(attempt, { secondFactorVerified: true }))) return { status: 'blocked' };
  if (second.with === 'recovery-code') {
    await audit({ type: 'mfa.recovery_code_used', userId: user.id, ...context, detail: { during: kind } });
    notifyUser(user.id, { kind: 'recovery-code-used', during: 'factor-change' });
  }
  return { status: 'proven', with: second.with };
}
