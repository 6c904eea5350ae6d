import 'server-only';
// Turning TOTP on and off from the security centre (pages require a fresh
// authentication first). Setup stores a new secret — encrypted at rest — with
// totpEnabledAt still null; only a correct code from the user's app turns it on,
// and ten fresh recovery codes are handed out once. Both directions revoke the
// user's other sessions and regenerate the current one.
import QRCode from 'qrcode';
import { db } from '../db';
import { env } from '../env';
import { decryptField, encryptField } from '../crypto/field-encryption';
import type { RequestContext, Session } from '../session';
import { rotateCredentialsSessions } from './credential-change';
import { audit, failAttempt, loginThrottle } from './guard';
import { RECOVERY_CODE_COUNT, generateRecoveryCodes, sealRecoveryCode } from './recovery-codes';
import { SECOND_FACTOR_UNAVAILABLE, verifySecondFactor } from './second-factor';
import { startUserAttempt } from './sign-in';
import { checkTotpCode, createTotpSecret, formatManualKey, totpUri } from './totp';

export type MfaStatus =
  | { state: 'off' }
  | { state: 'setup'; manualKey: string; qrDataUrl: string; uri: string }
  | { state: 'on'; enabledAt: Date; recoveryCodesLeft: number };

export async function getMfaStatus(user: { id: string; email: string }): Promise<MfaStatus> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (row?.totpEnabledAt) {
    const recoveryCodesLeft = await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
    return { state: 'on', enabledAt: row.totpEnabledAt, recoveryCodesLeft };
  }
  if (!row?.totpSecret) return { state: 'off' };
  const secret = decryptField(row.totpSecret, env.SESSION_SECRETS);
  if (!secret.ok) return { state: 'off' }; // unreadable (secret rotated away): start again
  const uri = totpUri(secret.plaintext, user.email);
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
  return { state: 'setup', manualKey: formatManualKey(secret.plaintext), qrDataUrl, uri };
}

/** Creates a new, not yet active secret (replacing any unfinished setup). No-op when MFA is already on. */
export async function startTotpSetup(userId: string): Promise<void> {
  await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null },
    data: { totpSecret: encryptField(createTotpSecret(), env.SESSION_SECRETS), totpLastStep: null },
  });
}

export async function cancelTotpSetup(userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpSecret: null, totpLastStep: null } });
}

export type EnableResult =
  | { status: 'enabled'; recoveryCodes: string[] }
  | { status: 'invalid'; message: string }
  | { status: 'no-setup' };

export async function confirmTotpSetup(
  current: { session: Session; user: { id: string } },
  code: string,
  context: RequestContext,
): Promise<EnableResult> {
  const userId = current.user.id;
  const row = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!row?.totpSecret || row.totpEnabledAt) return { status: 'no-setup' };
  const secret = decryptField(row.totpSecret, env.SESSION_SECRETS);
  if (!secret.ok) return { status: 'no-setup' };

  const now = new Date();
  const check = await checkTotpCode(secret.plaintext, code, now);
  if (!check.valid) {
    await audit({ type: 'mfa.failure', userId, sessionId: current.session.id, ...context, detail: { attempt: 'mfa-setup' } });
    return {
      status: 'invalid',
      message: 'That code does not match. Check that your app shows the Strongroom entry and that your phone’s clock is right.',
    };
  }

  const recoveryCodes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
  // Turn on exactly the secret that was checked (a parallel "start again" loses), and
  // record its step as used, so the confirmation code cannot sign anyone in.
  const enabled = await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: null, totpSecret: row.totpSecret },
      data: { totpEnabledAt: now, totpLastStep: check.timeStep },
    });
    if (count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((plain) => ({ userId, codeHash: sealRecoveryCode(userId, plain, env.SESSION_SECRETS) })) });
    return true;
  });
  if (!enabled) return { status: 'no-setup' };

  const { session, revokedOthers } = await rotateCredentialsSessions(current.session, { reason: 'mfa-changed', mfaVerified: true, context });
  await audit({ type: 'mfa.enabled', userId, sessionId: session.id, ...context, detail: { method: 'totp', revokedOthers } });
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
  code: string,
  context: RequestContext,
): Promise<DisableResult> {
  const userId = current.user.id;
  const attempt = await startUserAttempt(current.user, 'mfa-disable', context);
  if (!attempt) return { status: 'blocked' };
  const result = await verifySecondFactor(db, env.SESSION_SECRETS, userId, code, { allowRecoveryCode: true });
  if (!result.ok) {
    if (result.reason === 'not-enrolled') {
      await loginThrottle.recordSuccess(attempt.ticket);
      return { status: 'not-enabled' };
    }
    if (result.reason === 'unavailable') {
      await loginThrottle.releaseAttempt(attempt.ticket);
      return { status: 'invalid', message: SECOND_FACTOR_UNAVAILABLE };
    }
    const { locked } = await failAttempt(attempt, { reason: result.reason });
    return locked ? { status: 'locked' } : { status: 'invalid', message: 'That code is not valid. Try the current code from your app.' };
  }
  if (!(await loginThrottle.recordSuccess(attempt.ticket))) return { status: 'blocked' };

  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
  ]);
  const { session, revokedOthers } = await rotateCredentialsSessions(current.session, { reason: 'mfa-changed', mfaVerified: false, context });
  await audit({ type: 'mfa.disabled', userId, sessionId: session.id, ...context, detail: { with: result.method, revokedOthers } });
  return { status: 'disabled' };
}
