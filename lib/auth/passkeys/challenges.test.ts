// Issued challenges against a real database (lib/dal/passkey-challenges.ts stores them): single use, expiry, and the
// binding to purpose and holder — a challenge answered from anywhere else fails.
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { consumeChallenge } from '@/lib/dal/passkey-challenges';
import { hashAttemptToken, issueChallenge } from './challenges';
import { counterRegressed } from './ceremonies';

const db = getTestDb();
beforeEach(resetTestDb);

const session = { userId: 'user-1', sessionId: 'session-1' };

describe('passkey challenges', () => {
  it('are single-use', async () => {
    const challenge = await issueChallenge('register', session);
    expect(await consumeChallenge(challenge, 'register', session)).toBe(true);
    expect(await consumeChallenge(challenge, 'register', session)).toBe(false);
    // A step-up's assertion is no proof for a factor change (ADR 030), nor the other way round.
    expect(await consumeChallenge(challenge, 'factor-change', session)).toBe(false);
    const proof = await issueChallenge('factor-change', session);
    expect(await consumeChallenge(proof, 'step-up', session)).toBe(false);
    expect(await consumeChallenge(proof, 'factor-change', session)).toBe(true);
  });

  it('are bound to their purpose and to who may answer them', async () => {
    const challenge = await issueChallenge('step-up', session);
    expect(await consumeChallenge(challenge, 'register', session)).toBe(false);
    expect(await consumeChallenge(challenge, 'step-up', { ...session, sessionId: 'session-2' })).toBe(false);
    expect(await consumeChallenge(challenge, 'step-up', { userId: 'user-2', sessionId: 'session-1' })).toBe(false);
    expect(await consumeChallenge(challenge, 'step-up', { ...session, authorisationId: 'a1' })).toBe(false);
    // The refusals did not burn it for its rightful holder.
    expect(await consumeChallenge(challenge, 'step-up', session)).toBe(true);
  });

  it('bind a discoverable sign-in to the browser attempt that asked for it', async () => {
    const mine = { attemptHash: hashAttemptToken('my-cookie') };
    const challenge = await issueChallenge('sign-in', mine);
    expect(await consumeChallenge(challenge, 'sign-in', { attemptHash: hashAttemptToken('other-cookie') })).toBe(false);
    expect(await consumeChallenge(challenge, 'sign-in', {})).toBe(false);
    expect(await consumeChallenge(challenge, 'sign-in', mine)).toBe(true);
  });

  it('expire, and expired ones are cleared as new ones are issued', async () => {
    const then = new Date('2026-03-01T12:00:00Z');
    const old = await issueChallenge('register', session, { now: then });
    const later = new Date(then.getTime() + 10 * 60_000);
    expect(await consumeChallenge(old, 'register', session, later)).toBe(false);
    await issueChallenge('register', session, { now: later });
    expect(await db.passkeyChallenge.count()).toBe(1);
  });

  it('refuse malformed input without a query error', async () => {
    expect(await consumeChallenge('', 'register', session)).toBe(false);
    expect(await consumeChallenge('x'.repeat(500), 'register', session)).toBe(false);
  });
});

describe('the signature counter rule', () => {
  it('refuses a counter that does not increase once counters are in use', () => {
    expect(counterRegressed(5, 6)).toBe(false);
    expect(counterRegressed(5, 5)).toBe(true);
    expect(counterRegressed(5, 4)).toBe(true);
    expect(counterRegressed(5, 0)).toBe(true);
    expect(counterRegressed(0, 1)).toBe(false);
    // Authenticators without a counter (synced passkeys) always send 0.
    expect(counterRegressed(0, 0)).toBe(false);
  });
});
