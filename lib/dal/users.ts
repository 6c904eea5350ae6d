import 'server-only';
// The User row as authentication reads and writes it: the password, the epoch
// device proofs are bound to (passwordChangedAt), and who a sign-in is for.
// TOTP columns are in mfa.ts; what the user sees of their own account is in
// security.ts and dashboard.ts.
import { db } from '../db';

/** Who a password sign-in is for; null for an unknown email (the caller still does the same work). */
export function fetchUserForSignIn(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, totpEnabledAt: true, passwordChangedAt: true, disabledAt: true },
  });
}

/** Who an SSO identity's verified email names. */
export function fetchUserByEmail(email: string) {
  return db.user.findUnique({ where: { email }, select: { id: true, totpEnabledAt: true } });
}

export async function fetchUserEmail(userId: string): Promise<string> {
  const { email } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  return email;
}

/** What a signed-in user's password check (step-up, password and factor changes) needs; null once the user is gone. */
export function fetchUserCredentials(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, passwordHash: true, totpSecret: true, totpEnabledAt: true },
  });
}

/** Whether a pending login still leads anywhere (lib/auth/sign-in/current-pending-login.ts). Counts every passkey, suspended ones too. */
export function fetchPendingLoginUser(userId: string) {
  return db.user.findUnique({
    where: { id: userId },
    select: { email: true, totpEnabledAt: true, passwordChangedAt: true, _count: { select: { passkeys: true } } },
  });
}

/** The epoch a device proof is bound to (ADR 031): a password change revokes every proof. */
export function fetchDeviceEpoch(userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, passwordChangedAt: true } });
}

/**
 * Stores a password hash. With `changedAt` the password itself changed (device
 * proofs and pending logins from before it die); without, the same password was
 * re-hashed under current parameters and nothing else moves.
 */
export async function updatePasswordHash(userId: string, passwordHash: string, changedAt?: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash, ...(changedAt ? { passwordChangedAt: changedAt } : {}) } });
}
