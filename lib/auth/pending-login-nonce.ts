// Single use of a pending login, across instances: its nonce is inserted as a
// LoginThrottle row keyed "pending-login:<nonce>"; the primary key makes the
// second insert fail. The row's lockedUntil is when the pending login would
// have expired anyway, after which lib/auth/throttle.ts purges it.
import type { Db } from '../db/client';
import type { PendingLogin } from './pending-login-seal';

export const PENDING_LOGIN_KEY_PREFIX = 'pending-login:';

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/** Whether this pending login already completed (its nonce is in the table). */
export async function isPendingLoginNonceUsed(db: Db, pending: PendingLogin): Promise<boolean> {
  const row = await db.loginThrottle.findUnique({ where: { key: `${PENDING_LOGIN_KEY_PREFIX}${pending.nonce}` }, select: { key: true } });
  return row !== null;
}

export async function consumePendingLoginNonce(db: Db, pending: PendingLogin, ttlMs: number, now: Date): Promise<boolean> {
  try {
    await db.loginThrottle.create({
      data: {
        key: `${PENDING_LOGIN_KEY_PREFIX}${pending.nonce}`,
        failures: 0,
        windowStartedAt: now,
        lockedUntil: new Date(pending.issuedAt + ttlMs),
      },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
