import 'server-only';
// Turning TOTP on and off from the security centre (pages require a fresh
// authentication first). Setup stores a new secret — encrypted at rest — with
// totpEnabledAt still null; only the current password together with a correct
// code from the user's app turns it on, and ten fresh recovery codes are handed
// out once. Turning it off needs the password and a current code. Both
// directions revoke the user's other sessions and regenerate the current one —
// keeping its authenticatedAt: an MFA change is not a fresh authentication (ADR 018).
import QRCode from 'qrcode';
import { fetchUserCredentials } from '../../dal/users';
import { countUnusedRecoveryCodes, createTotpSetup, deleteTotp, deleteTotpSetup, enableTotp, fetchTotpState, secondFactorStore } from '../../dal/mfa';
import { hasUsablePasskey } from '../../dal/passkeys';
import { sessionKeys } from '../../env';
import { APP_NAME } from '../../config/app-name';
import { decryptField, encryptField } from '../../crypto/field-encryption';
import type { RequestContext, Session } from '../../session';
import { rotateCredentialsSessions } from './credential-change';
import { notifyUser } from '../notify';
import { proveFactorChange } from './factor-change-proof';
import { audit, failAttempt, loginThrottle, succeedAttempt, type GuardedAttempt, checkPasswordOf, startUserAttempt } from '../sign-in';
import { RECOVERY_CODE_COUNT, generateRecoveryCodes, sealRecoveryCode, SECOND_FACTOR_UNAVAILABLE, verifySecondFactor, checkTotpCode, createTotpSecret, formatManualKey, totpUri } from '../mfa';

export type MfaStatus =
  | { state: 'off' }
  | { state: 'setup'; manualKey: string; qrDataUrl: string; uri: string }
  | { state: 'on'; enabledAt: Date; recoveryCodesLeft: number };

export async function getMfaStatus(user: { id: string; email: string }): Promise<MfaStatus> {
  const row = await fetchTotpState(user.id);
  if (row?.totpEnabledAt) {
    const recoveryCodesLeft = await countUnusedRecoveryCodes(user.id);
    return { state: 'on', enabledAt: row.totpEnabledAt, recoveryCodesLeft };
  }
  if (!row?.totpSecret) return { state: 'off' };
  const secret = decryptField(row.totpSecret, sessionKeys);
  if (!secret.ok) return { state: 'off' }; // unreadable (secret rotated away): start again
  const uri = totpUri(secret.plaintext, user.email);
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
  return { state: 'setup', manualKey: formatManualKey(secret.plaintext), qrDataUrl, uri };
}

/** Creates a new, not yet active secret (replacing any unfinished setup). No-op when MFA is already on. */
export async function startTotpSetup(userId: string, context: RequestContext): Promise<void> {
  if (await createTotpSetup(userId, encryptField(createTotpSecret(), sessionKeys))) await audit({ type: 'mfa.setup_started', userId, ...context });
}

export async function cancelTotpSetup(userId: string, context: RequestContext): Promise<void> {
  if (await deleteTotpSetup(userId)) await audit({ type: 'mfa.setup_cancelled', userId, ...context });
}

export const MFA_PASSWORD_FAILED = 'Your password is incorrect.';
export const MFA_CREDENTIALS_FAILED = 'Password or code is incorrect.';

type UserWithPassword = { id: string; email: string; passwordHash: string };

/**
 * The current password, checked under the same throttle and lockout as every
 * password check. On a wrong one the attempt has failed already (and may have
 * locked the account); on the right one the caller still holds the attempt.
 */
async function checkCurrentPassword(
  user: UserWithPassword,
  password: string,
  kind: 'mfa-enable' | 'mfa-disable',
  context: RequestContext,
): Promise<{ status: 'ok'; attempt: GuardedAttempt } | { status: 'wrong'; attempt: GuardedAttempt } | { status: 'blocked' }> {
  const attempt = await startUserAttempt(user, kind, context);
  if (!attempt) return { status: 'blocked' };
  return (await checkPasswordOf(user, password)) ? { status: 'ok', attempt } : { status: 'wrong', attempt };
}

export type EnableResult =
  | { status: 'enabled'; recoveryCodes: string[] }
  | { status: 'invalid'; field: 'password' | 'code'; message: string }
  | { status: 'blocked' }
  /** This failure locked the account: every session, this one included, is revoked. */
  | { status: 'locked' }
  | { status: 'no-setup' };

export async function confirmTotpSetup(
  current: { session: Session; user: { id: string; email: string } },
  /** `code`: from the app being set up; `passkeyAssertion`: the proof of a passkey the account has (ADR 030). */
  input: { password: string; code: string; passkeyAssertion?: unknown },
  context: RequestContext,
): Promise<EnableResult> {
  const userId = current.user.id;
  const row = await fetchUserCredentials(userId);
  if (!row?.totpSecret || row.totpEnabledAt) return { status: 'no-setup' };
  const secret = decryptField(row.totpSecret, sessionKeys);
  if (!secret.ok) return { status: 'no-setup' };

  // The password, and a passkey the account has already (ADR 030). Once they are
  // proven, the attempt's slot is back whatever the new app's code says (a wrong
  // code for a secret being set up is a typo, not a guess at a factor).
  const proof = await proveFactorChange(current, { password: input.password, code: '', passkeyAssertion: input.passkeyAssertion }, 'mfa-enable', context);
  if (proof.status === 'blocked' || proof.status === 'locked') return { status: proof.status };
  if (proof.status === 'invalid') return { status: 'invalid', field: 'password', message: proof.message };

  const now = new Date();
  const check = await checkTotpCode(secret.plaintext, input.code, now);
  if (!check.valid) {
    await audit({ type: 'mfa.failure', userId, sessionId: current.session.id, ...context, detail: { attempt: 'mfa-setup' } });
    return {
      status: 'invalid',
      field: 'code',
      message: `That code does not match. Check that your app shows the ${APP_NAME} entry and that your phone’s clock is right.`,
    };
  }

  const recoveryCodes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
  // Turn on exactly the secret that was checked (a parallel "start again" loses), and
  // record its step as used, so the confirmation code cannot sign anyone in.
  const enabled = await enableTotp(userId, {
    checkedSecret: row.totpSecret,
    timeStep: check.timeStep,
    now,
    recoveryCodeHashes: recoveryCodes.map((plain) => sealRecoveryCode(userId, plain, sessionKeys)),
  });
  if (!enabled) return { status: 'no-setup' };

  const { session, revokedOthers } = await rotateCredentialsSessions(current.session, { reason: 'mfa-changed', mfaVerified: true, context });
  await audit({ type: 'mfa.enabled', userId, sessionId: session.id, ...context, detail: { method: 'totp', provenWith: proof.with, revokedOthers } });
  notifyUser(userId, { kind: 'totp-enabled' }, { now });
  return { status: 'enabled', recoveryCodes };
}

export type DisableResult =
  | { status: 'disabled' }
  | { status: 'invalid'; message: string }
  | { status: 'blocked' }
  /** This failure locked the account: every session, this one included, is revoked. */
  | { status: 'locked' }
  | { status: 'not-enabled' };

export async function disableTotp(
  current: { session: Session; user: { id: string; email: string } },
  input: { password: string; code: string },
  context: RequestContext,
): Promise<DisableResult> {
  const userId = current.user.id;
  const row = await fetchUserCredentials(userId);
  if (!row) return { status: 'blocked' };
  const password = await checkCurrentPassword(row, input.password, 'mfa-disable', context);
  if (password.status === 'blocked') return { status: 'blocked' };
  const { attempt } = password;
  // Like step-up: a code is only tried (and consumed) together with the right
  // password, and a failure never says which of the two was wrong.
  const second =
    password.status === 'ok'
      ? await verifySecondFactor(secondFactorStore, sessionKeys, userId, input.code, { allowRecoveryCode: true })
      : ({ ok: false, reason: 'invalid' } as const);
  if (!second.ok) {
    if (second.reason === 'not-enrolled') {
      // Already off. The password was verified, so this attempt's own slot goes back — and only that.
      return (await succeedAttempt(attempt)) ? { status: 'not-enabled' } : { status: 'blocked' };
    }
    if (second.reason === 'unavailable') {
      await loginThrottle.releaseAttempt(attempt.ticket);
      return { status: 'invalid', message: SECOND_FACTOR_UNAVAILABLE };
    }
    const wrongCode = password.status === 'ok';
    const { locked } = await failAttempt(attempt, { factor: wrongCode ? 'code' : 'password', reason: second.reason }, { secondFactor: wrongCode });
    return locked ? { status: 'locked' } : { status: 'invalid', message: MFA_CREDENTIALS_FAILED };
  }
  if (!(await succeedAttempt(attempt, { secondFactorVerified: true }))) return { status: 'blocked' };

  await deleteTotp(userId);
  // A code was just verified; with passkeys left the account still has a second factor, and this session passed it.
  const mfaVerified = await hasUsablePasskey(userId);
  const { session, revokedOthers } = await rotateCredentialsSessions(current.session, { reason: 'mfa-changed', mfaVerified, context });
  await audit({ type: 'mfa.disabled', userId, sessionId: session.id, ...context, detail: { with: second.method, revokedOthers } });
  notifyUser(userId, { kind: 'totp-disabled' });
  return { status: 'disabled' };
}
