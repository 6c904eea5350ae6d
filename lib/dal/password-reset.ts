import 'server-only';
// The password reset's queries (ADR 040). Tokens: only SHA-256 of the secret is
// stored; single use through a guarded update; a new request supersedes the
// user's older unused ones. The logic around them is lib/auth/password-reset.
import { db } from '../db';

export const PASSWORD_RESET_PURPOSE = 'password-reset';

export type ResetAccount = { id: string; email: string };

export function findResetAccount(email: string): Promise<ResetAccount | null> {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true } });
}

/** Reset links issued to this user since `since` (a mail-bombing bound; the requester never learns of it). */
export function countResetTokensSince(userId: string, since: Date): Promise<number> {
  return db.passwordResetToken.count({ where: { userId, purpose: PASSWORD_RESET_PURPOSE, createdAt: { gt: since } } });
}

/** A new token; the user's older unused ones stop working in the same transaction, and day-old ones go. */
export async function issueResetToken(token: { id: string; userId: string; secretHash: string; expiresAt: Date; now: Date }): Promise<void> {
  await db.$transaction([
    // Rows older than a day serve nothing (not even the per-window mail count): each request tidies its user's.
    db.passwordResetToken.deleteMany({ where: { userId: token.userId, createdAt: { lt: new Date(token.now.getTime() - 86_400_000) } } }),
    db.passwordResetToken.updateMany({
      where: { userId: token.userId, purpose: PASSWORD_RESET_PURPOSE, usedAt: null },
      data: { usedAt: token.now },
    }),
    db.passwordResetToken.create({
      data: { id: token.id, userId: token.userId, secretHash: token.secretHash, purpose: PASSWORD_RESET_PURPOSE, expiresAt: token.expiresAt, createdAt: token.now },
    }),
  ]);
}

export type StoredResetToken = {
  id: string;
  secretHash: string;
  purpose: string;
  expiresAt: Date;
  usedAt: Date | null;
  user: { id: string; email: string; totpEnabledAt: Date | null; passkeys: number };
};

export async function findResetToken(id: string): Promise<StoredResetToken | null> {
  const row = await db.passwordResetToken.findUnique({
    where: { id },
    select: {
      id: true,
      secretHash: true,
      purpose: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { id: true, email: true, totpEnabledAt: true, _count: { select: { passkeys: true } } } },
    },
  });
  if (!row) return null;
  const { _count, ...user } = row.user;
  return { ...row, user: { ...user, passkeys: _count.passkeys } };
}

/** Marks the token used if it still is usable: of two requests racing with one link, exactly one gets true. */
export async function consumeResetToken(id: string, now: Date): Promise<boolean> {
  const { count } = await db.passwordResetToken.updateMany({
    where: { id, purpose: PASSWORD_RESET_PURPOSE, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

/** The new password. passwordChangedAt moves on: it ends pending password logins and every device proof. */
export async function setResetPassword(userId: string, passwordHash: string, now: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
}
