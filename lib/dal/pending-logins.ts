import 'server-only';
// Single use of a pending login (ADR 011), across instances: its nonce is
// inserted into PendingLoginNonce; the primary key makes the second insert fail.
// expiresAt is when the pending login would have expired anyway, after which
// lib/auth/throttle/throttle-purge.ts deletes the row.
import { db } from '../db';
import { isUniqueViolation } from '../db/errors';

type PendingLoginRef = { nonce: string; issuedAt: number };

/** Whether this pending login already completed (its nonce is in the table). */
export async function isPendingLoginNonceUsed(pending: PendingLoginRef): Promise<boolean> {
  const row = await db.pendingLoginNonce.findUnique({ where: { nonce: pending.nonce }, select: { nonce: true } });
  return row !== null;
}

/** Marks the nonce used. False when it already was (a replayed pending login). */
export async function consumePendingLoginNonce(pending: PendingLoginRef, ttlMs: number): Promise<boolean> {
  try {
    await db.pendingLoginNonce.create({ data: { nonce: pending.nonce, expiresAt: new Date(pending.issuedAt + ttlMs) } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
