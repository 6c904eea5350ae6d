import 'server-only';
// The password reset's own queries (ADR 040); its link is an email token
// (lib/dal/email-tokens.ts). The logic around them is lib/auth/password-reset.
import { db } from '../db';

export type ResetAccount = { id: string; email: string };

export function findResetAccount(email: string): Promise<ResetAccount | null> {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true } });
}

export type ResetFactors = { totpEnabledAt: Date | null; passkeys: number };

/** The second factors a reset must pass (or, for a passkey-only account, cannot). */
export async function findResetFactors(userId: string): Promise<ResetFactors | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true, _count: { select: { passkeys: true } } } });
  return row ? { totpEnabledAt: row.totpEnabledAt, passkeys: row._count.passkeys } : null;
}

/** The new password. passwordChangedAt moves on: it ends pending password logins and every device proof. */
export async function setResetPassword(userId: string, passwordHash: string, now: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
}
