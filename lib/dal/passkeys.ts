import 'server-only';
// The Passkey rows (ADR 022): the credentials a user registered, their
// counters, names and suspensions. A passkey shown to be cloned is suspended
// (ADR 032): it is no longer a factor the account has — never offered, never
// accepted, not counted as a second factor — until its owner removes it; one
// filter (usablePasskeys) for every query that asks. Counter updates and
// removals are guarded writes; WebAuthn itself is lib/auth/passkeys'.
import { db } from '../db';
import { recordAuditEvent, type AuditEventInput } from './audit';

const usablePasskeys = { suspendedAt: null } as const;

/** Whether the user has a passkey that counts as a second factor. */
export async function hasUsablePasskey(userId: string): Promise<boolean> {
  return (await countUsablePasskeys(userId)) > 0;
}

/** Passkeys that can still be used (suspended ones are not offered). */
export function countUsablePasskeys(userId: string): Promise<number> {
  return db.passkey.count({ where: { userId, ...usablePasskeys } });
}

/** The credentials an assertion may come from (allowCredentials): the usable ones. */
export function fetchUsablePasskeyCredentials(userId: string): Promise<{ id: string; transports: string }[]> {
  return db.passkey.findMany({ where: { userId, ...usablePasskeys }, select: { id: true, transports: true } });
}

/** Every credential the user registered, suspended ones too: a new one must not duplicate any (excludeCredentials). */
export function fetchPasskeyCredentials(userId: string): Promise<{ id: string; transports: string }[]> {
  return db.passkey.findMany({ where: { userId }, select: { id: true, transports: true } });
}

export function fetchPasskeys(userId: string) {
  return db.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true, backedUp: true, suspendedAt: true },
    orderBy: { createdAt: 'asc' },
  });
}

/** The stored credential an assertion names; with `userId`, only if it is that user's. */
export function fetchPasskeyForAssertion(credentialId: string, userId?: string) {
  return db.passkey.findFirst({
    where: { id: credentialId, ...(userId ? { userId } : {}) },
    select: { id: true, userId: true, name: true, publicKey: true, signCount: true, transports: true, suspendedAt: true },
  });
}

/** Who a discoverable sign-in's credential belongs to. */
export async function fetchPasskeyOwner(credentialId: string): Promise<{ id: string; email: string } | null> {
  const row = await db.passkey.findUnique({ where: { id: credentialId }, select: { user: { select: { id: true, email: true } } } });
  return row?.user ?? null;
}

export async function passkeyExists(userId: string, passkeyId: string): Promise<boolean> {
  return (await db.passkey.findFirst({ where: { id: passkeyId, userId }, select: { id: true } })) !== null;
}

/**
 * Records a verified use: the new counter and what the authenticator said of
 * itself. Guarded on the counter read before the check: of two uses racing with
 * the same counter, one moves it forward; a suspended passkey is never updated.
 */
export async function updatePasskeyUse(
  passkey: { id: string; signCount: number },
  use: { newCounter: number; deviceType: string; backedUp: boolean; now: Date },
): Promise<boolean> {
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, signCount: passkey.signCount, ...usablePasskeys },
    data: { signCount: use.newCounter, lastUsedAt: use.now, deviceType: use.deviceType, backedUp: use.backedUp },
  });
  return count === 1;
}

/** A cloned passkey: suspended for every holder (if it is not already), and the security event recorded. */
export async function suspendClonedPasskey(passkeyId: string, now: Date, event: AuditEventInput): Promise<void> {
  await db.passkey.updateMany({ where: { id: passkeyId, suspendedAt: null }, data: { suspendedAt: now } });
  await recordAuditEvent(db, event);
}

export type NewPasskey = { id: string; userId: string; name: string; publicKey: string; signCount: number; transports: string; deviceType: string; backedUp: boolean };

/** Stores a registered passkey. False when it could not be stored — the same credential id registered already (excludeCredentials is only a hint). */
export async function createPasskey(passkey: NewPasskey): Promise<boolean> {
  try {
    await db.passkey.create({ data: passkey });
    return true;
  } catch {
    return false;
  }
}

/** Renames one of the user's passkeys (someone else's id finds nothing). */
export async function updatePasskeyName(userId: string, passkeyId: string, name: string): Promise<boolean> {
  const { count } = await db.passkey.updateMany({ where: { id: passkeyId, userId }, data: { name } });
  return count === 1;
}

export type PasskeyDeletion = { status: 'removed'; name: string; wasFactor: boolean } | { status: 'not-found' | 'last-factor' };

/**
 * Deletes one of the user's passkeys in a transaction that refuses to remove the
 * account's last second factor: the last usable passkey of an account without
 * TOTP stays. A suspended (cloned) passkey is no factor any more: its owner can
 * always remove it (ADR 032).
 */
export function deletePasskey(userId: string, passkeyId: string): Promise<PasskeyDeletion> {
  return db.$transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId }, select: { id: true, name: true, suspendedAt: true } });
    if (!passkey) return { status: 'not-found' as const };
    if (passkey.suspendedAt) {
      await tx.passkey.delete({ where: { id: passkey.id } });
      return { status: 'removed' as const, name: passkey.name, wasFactor: false };
    }
    const [others, user] = await Promise.all([
      tx.passkey.count({ where: { userId, id: { not: passkey.id }, ...usablePasskeys } }),
      tx.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } }),
    ]);
    if (others === 0 && !user?.totpEnabledAt) return { status: 'last-factor' as const };
    await tx.passkey.delete({ where: { id: passkey.id } });
    return { status: 'removed' as const, name: passkey.name, wasFactor: true };
  });
}
