import 'server-only';
// Mailed links' tokens (ADR 040): only SHA-256 of the secret is stored; single
// use through a guarded update; a new link supersedes the user's older unused
// ones of the same purpose. The rules around them are lib/auth/email-token.
import { db } from '../db';

/** What a link may do. A token of one purpose is never accepted for another. */
export type EmailTokenPurpose = 'password-reset' | 'email-change' | 'email-verification' | 'invitation';

export type StoredEmailToken = {
  id: string;
  userId: string;
  secretHash: string;
  purpose: string;
  /** The account's address when the link was issued: the link works only while the account still has it. */
  email: string;
  /** For an email change: the address the link was mailed to, which the account moves to. */
  newEmail: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  /** The account's address now: a link mailed to an earlier one no longer works. */
  userEmail: string;
};

/** Links of this purpose issued to this user since `since` (a mail-bombing bound; the requester never learns of it). */
export function countEmailTokensSince(userId: string, purpose: EmailTokenPurpose, since: Date): Promise<number> {
  return db.emailToken.count({ where: { userId, purpose, createdAt: { gt: since } } });
}

/** A new token; the user's older unused ones of this purpose stop working in the same transaction, and day-old ones go. */
export async function issueEmailToken(token: {
  id: string;
  userId: string;
  purpose: EmailTokenPurpose;
  email: string;
  newEmail?: string;
  secretHash: string;
  expiresAt: Date;
  now: Date;
}): Promise<void> {
  const { now, ...data } = token;
  await db.$transaction([
    // Rows older than a day serve nothing (not even the per-window mail count): each issue tidies its user's.
    db.emailToken.deleteMany({ where: { userId: token.userId, createdAt: { lt: new Date(now.getTime() - 86_400_000) } } }),
    db.emailToken.updateMany({ where: { userId: token.userId, purpose: token.purpose, usedAt: null }, data: { usedAt: now } }),
    db.emailToken.create({ data: { ...data, createdAt: now } }),
  ]);
}

export async function findEmailToken(id: string): Promise<StoredEmailToken | null> {
  const row = await db.emailToken.findUnique({
    where: { id },
    select: { id: true, userId: true, secretHash: true, purpose: true, email: true, newEmail: true, expiresAt: true, usedAt: true, user: { select: { email: true } } },
  });
  if (!row) return null;
  const { user, ...token } = row;
  return { ...token, userEmail: user.email };
}

/** Marks the token used if it still is usable: of two requests racing with one link, exactly one gets true. */
export async function consumeEmailToken(id: string, purpose: EmailTokenPurpose, now: Date): Promise<boolean> {
  const { count } = await db.emailToken.updateMany({ where: { id, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1;
}
