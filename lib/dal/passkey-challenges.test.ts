// Single use of the discoverable sign-in's sealed challenge (ADR 032): a record
// written only when an answer spends it, on a real database.
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { consumeChallenge, spendSealedChallenge } from './passkey-challenges';

const db = getTestDb();
beforeEach(resetTestDb);

describe('spendSealedChallenge', () => {
  it('accepts a challenge once; the replay is refused; the record cannot be consumed as an issued challenge', async () => {
    const now = new Date();
    const attempt = { challenge: randomBytes(32).toString('base64url'), issuedAt: now.getTime() };
    const expiresAt = new Date(attempt.issuedAt + 3 * 60_000);
    const spends = await Promise.all([0, 1, 2].map(() => spendSealedChallenge(attempt.challenge, 'sign-in', expiresAt, now)));
    expect(spends.filter(Boolean)).toHaveLength(1);
    expect(await spendSealedChallenge(attempt.challenge, 'sign-in', expiresAt, now)).toBe(false);
    expect(await consumeChallenge(attempt.challenge, 'sign-in', {}, now)).toBe(false);
  });

  it('refuses an expired or malformed challenge without writing', async () => {
    const now = new Date();
    expect(await spendSealedChallenge('A'.repeat(43), 'sign-in', now, now)).toBe(false);
    expect(await spendSealedChallenge('not a challenge', 'sign-in', new Date(now.getTime() + 1000), now)).toBe(false);
    expect(await db.passkeyChallenge.count()).toBe(0);
  });
});
