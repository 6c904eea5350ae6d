// Single use of a pending login's nonce, on a real database.
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { consumePendingLoginNonce } from './pending-logins';

const ttlMs = 5 * 60_000;

describe('consumePendingLoginNonce', () => {
  const db = getTestDb();
  beforeEach(resetTestDb);

  it('is single-use, also under parallel requests', async () => {
    const pending = { nonce: randomBytes(24).toString('base64url'), issuedAt: Date.now() };
    const results = await Promise.all(Array.from({ length: 8 }, () => consumePendingLoginNonce(pending, ttlMs)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await consumePendingLoginNonce(pending, ttlMs)).toBe(false);
    // In its own table now, not in LoginThrottle (ADR 018).
    const row = await db.pendingLoginNonce.findUniqueOrThrow({ where: { nonce: pending.nonce } });
    expect(row.expiresAt).toEqual(new Date(pending.issuedAt + ttlMs)); // purged after that
    expect(await db.loginThrottle.count()).toBe(0);
  });
});
