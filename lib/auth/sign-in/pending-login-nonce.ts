// Single use of a pending login, across instances: its nonce is inserted into
// PendingLoginNonce; the primary key makes the second insert fail. expiresAt is
// when the pending login would have expired anyway, after which
// lib/auth/throttle/throttle-purge.ts deletes the row.
import type { Db } from '../../db/client';
import type { PendingLogin } from './pending-login-seal';

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Whether this pending login already completed (its nonce is in the table). */
export async function isPendingLoginNonceUsed(db: Db, pending: PendingLogin): Promise<boolean> {
  const row = await db.pendingLoginNonce.findUnique({ where: { nonce: pending.nonce }, select: { nonce: true } });
  return row !== null;
}

/** Marks the nonce used. False when it already was (a replayed pending login). */
export async function consumePendingLoginNonce(db: Db, pending: PendingLogin, ttlMs: number): Promise<boolean> {
  try {
    await db.pendingLoginNonce.create({ data: { nonce: pending.nonce, expiresAt: new Date(pending.issuedAt + ttlMs) } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
