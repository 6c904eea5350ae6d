import 'server-only';
// Choosing a new password with a reset link (ADR 040). The link alone proves
// only the mailbox, never a second factor: a user with TOTP must also give a
// code or a recovery code — counted against the same guess limits as the
// sign-in code step — and an account whose second factor is a passkey only
// signs in with the passkey instead (it needs no password to get in). On
// success: the link is spent (a guarded update: of two racing requests one
// wins), the password replaced, every session of the user revoked, pending
// password logins and device proofs ended (passwordChangedAt), the event
// audited, and the owner told by mail.
import { secondFactorStore } from '../../dal/mfa';
import { consumeEmailToken } from '../../dal/email-tokens';
import { findResetFactors, setResetPassword, type ResetFactors } from '../../dal/password-reset';
import { sessionKeys } from '../../env';
import { sessionStore, type RequestContext } from '../../session';
import { redeemableEmailToken } from '../email-token';
import { verifySecondFactor } from '../mfa';
import { notifyUser } from '../notify';
import { hashPassword, newPasswordProblem } from '../password';
import { audit, codeGuessWarning, failAttempt, INVALID_CODE, loginThrottle, startAttempt, succeedAttempt } from '../sign-in';
import type { Schedule } from './request';

export const RESET_LINK_INVALID = 'This password reset link has expired or has already been used. Ask for a new one below.';
export const RESET_NEEDS_PASSKEY =
  'This account’s second factor is a passkey: sign in with your passkey (no password needed), then change your password in the security centre.';
export const RESET_CODE_MISSING = 'Enter the code from your authenticator app, or a recovery code.';

export type ResetLinkState = { status: 'invalid' } | { status: 'passkey-only' } | { status: 'valid'; needsCode: boolean };

export type PasswordResetResult =
  | { status: 'reset'; revokedSessions: number }
  | { status: 'invalid-link' }
  | { status: 'passkey-only' }
  | { status: 'invalid'; field: 'newPassword' | 'confirmPassword' | 'code'; message: string; warning?: string }
  /** The account is locked (too many wrong codes) or this address over its limit. */
  | { status: 'blocked' }
  /** The stored second-factor secrets cannot be decrypted (operator error): not counted against the user. */
  | { status: 'unavailable' };

type UsableLink = { tokenId: string; user: { id: string; email: string } & ResetFactors };

async function usableLink(value: string | undefined, now: Date): Promise<UsableLink | undefined> {
  const token = await redeemableEmailToken(value, 'password-reset', now);
  const factors = token && (await findResetFactors(token.userId));
  return token && factors ? { tokenId: token.id, user: { id: token.userId, email: token.userEmail, ...factors } } : undefined;
}

const stateOf = (user: ResetFactors): ResetLinkState =>
  user.totpEnabledAt ? { status: 'valid', needsCode: true } : user.passkeys > 0 ? { status: 'passkey-only' } : { status: 'valid', needsCode: false };

/** What the reset page shows for this link: the form (with a code field for TOTP users), or why not. */
export async function inspectResetLink(value: string | undefined, now: Date = new Date()): Promise<ResetLinkState> {
  const link = await usableLink(value, now);
  return link ? stateOf(link.user) : { status: 'invalid' };
}

export async function completePasswordReset(
  input: { token: string | undefined; newPassword: string; confirmPassword: string; code: string },
  context: RequestContext,
  options: { schedule: Schedule; now?: Date },
): Promise<PasswordResetResult> {
  const now = options.now ?? new Date();
  const link = await usableLink(input.token, now);
  if (!link) return { status: 'invalid-link' };
  const { user } = link;
  const state = stateOf(user);
  if (state.status !== 'valid') return { status: 'passkey-only' };

  const problem = newPasswordProblem(input.newPassword, { email: user.email });
  if (problem) return { status: 'invalid', field: 'newPassword', message: problem };
  if (input.newPassword !== input.confirmPassword) return { status: 'invalid', field: 'confirmPassword', message: 'The two new passwords do not match.' };

  let secondFactor: 'none' | 'totp' | 'recovery-code' = 'none';
  if (state.needsCode) {
    const code = input.code.trim();
    if (!code) return { status: 'invalid', field: 'code', message: RESET_CODE_MISSING };
    // Counted like the sign-in code step: the same account counter, wrong-code cap and address limit.
    const attempt = await startAttempt({ email: user.email, userId: user.id }, 'mfa', context);
    if (!attempt) return { status: 'blocked' };
    const result = await verifySecondFactor(secondFactorStore, sessionKeys, user.id, code, { allowRecoveryCode: true, now });
    if (!result.ok && result.reason === 'unavailable') {
      await loginThrottle.releaseAttempt(attempt.ticket, now);
      return { status: 'unavailable' };
    }
    if (!result.ok) {
      const { locked, codeFailuresLeft } = await failAttempt(attempt, { flow: 'password-reset', reason: result.reason }, { secondFactor: true });
      if (locked) return { status: 'blocked' };
      return { status: 'invalid', field: 'code', message: INVALID_CODE, warning: codeGuessWarning(codeFailuresLeft, loginThrottle.config.maxFailures) };
    }
    if (!(await succeedAttempt(attempt, { secondFactorVerified: true }))) return { status: 'blocked' };
    secondFactor = result.method;
    if (result.method === 'recovery-code') {
      await audit({ type: 'mfa.recovery_code_used', userId: user.id, ...context, detail: { remaining: result.remaining, flow: 'password-reset' } });
      notifyUser(user.id, { kind: 'recovery-code-used', during: 'password-reset', remaining: result.remaining }, { schedule: options.schedule, now });
    }
  }

  const passwordHash = await hashPassword(input.newPassword);
  if (!(await consumeEmailToken(link.tokenId, 'password-reset', now))) return { status: 'invalid-link' }; // another request with this link won
  await setResetPassword(user.id, passwordHash, now);
  const revokedSessions = await sessionStore.invalidateUserSessions(user.id, 'password-changed', { now, context });
  await audit({ type: 'password.reset', userId: user.id, ...context, detail: { revokedSessions, secondFactor } });
  notifyUser(user.id, { kind: 'password-changed', by: 'reset-link' }, { schedule: options.schedule, now });
  return { status: 'reset', revokedSessions };
}
