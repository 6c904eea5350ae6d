import 'server-only';
// Sign-up, email verification and invitations (ADR 045): the queries. The
// links are email tokens (lib/dal/email-tokens.ts); the rules around them are
// lib/auth/sign-up.
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';
import type { AuditEventType } from './audit';

export type SignUpAccount = { id: string; email: string; emailVerifiedAt: Date | null };

export function findSignUpAccount(email: string): Promise<SignUpAccount | null> {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, emailVerifiedAt: true } });
}

/**
 * A new account whose address is not yet proven; null when the address was
 * taken meanwhile (two sign-ups racing: the loser is treated as "already has an account").
 */
export async function createUnverifiedUser(data: { email: string; name: string; passwordHash: string; now: Date }): Promise<SignUpAccount | null> {
  const { now, ...fields } = data;
  try {
    return await db.user.create({
      data: { ...fields, passwordChangedAt: now, createdAt: now, emailVerifiedAt: null },
      select: { id: true, email: true, emailVerifiedAt: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Marks the address proven; false when it already was (the first time is kept). */
export async function markEmailVerified(userId: string, now: Date): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  return count === 1;
}

/**
 * Accepting an invitation: the invitee's name and password, and the address
 * proven by the link. The account never proved its address before, so whatever
 * was set up on it — second factors, passkeys, SSO links — is whoever signed up
 * with that address, not necessarily the mailbox's owner: it all goes.
 */
export async function setInvitedAccount(userId: string, data: { name: string; passwordHash: string; now: Date }): Promise<void> {
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.passkey.deleteMany({ where: { userId } }),
    db.externalIdentity.deleteMany({ where: { userId } }),
    db.pendingSsoLink.deleteMany({ where: { userId } }),
    db.user.update({
      where: { id: userId },
      data: { name: data.name, passwordHash: data.passwordHash, passwordChangedAt: data.now, emailVerifiedAt: data.now, totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    }),
  ]);
}

export async function isEmailVerified(userId: string): Promise<boolean> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(row?.emailVerifiedAt);
}

/** How many events of `type` this user's log has since `since` (the bound on notices we mail). */
export function countUserEventsSince(userId: string, type: AuditEventType, since: Date): Promise<number> {
  return db.auditEvent.count({ where: { userId, type, createdAt: { gt: since } } });
}
