// The discoverable sign-in's sealed challenge (ADR 032): unforgeable, short-lived,
// and single use through a record written only when an answer spends it
// (lib/dal/passkey-challenges.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { sealSignInAttempt, unsealSignInAttempt } from './attempt-seal';
import { CHALLENGE_TTL_MS } from './challenges';

const db = getTestDb();
beforeEach(resetTestDb);

const keys = { '1': 'a-test-secret-that-is-long-enough-0123456789' };
const otherKeys = { '1': 'another-test-secret-long-enough-9876543210' };

describe('the sealed sign-in attempt', () => {
  it('carries its challenge for the challenge TTL, and writes no row', async () => {
    const now = new Date('2026-12-06T03:00:00Z');
    const { attempt, sealed } = await sealSignInAttempt(keys, now);
    expect(await unsealSignInAttempt(keys, sealed, new Date(now.getTime() + CHALLENGE_TTL_MS - 1))).toEqual(attempt);
    expect(await unsealSignInAttempt(keys, sealed, new Date(now.getTime() + CHALLENGE_TTL_MS))).toBeUndefined();
    expect(await db.passkeyChallenge.count()).toBe(0);
  });

  it('is worthless tampered with, under another key, or malformed', async () => {
    const now = new Date();
    const { sealed } = await sealSignInAttempt(keys, now);
    const flipped = sealed.slice(0, 30) + (sealed[30] === 'A' ? 'B' : 'A') + sealed.slice(31);
    for (const value of [flipped, undefined, '', 'x'.repeat(5000), 'Fe26.2**~2']) {
      expect(await unsealSignInAttempt(keys, value, now)).toBeUndefined();
    }
    expect(await unsealSignInAttempt(otherKeys, sealed, now)).toBeUndefined();
  });
});
