import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { accountKeyOf, createLoginThrottle, type AttemptTicket, type ThrottleConfig } from './throttle';

const db = getTestDb();
const config: ThrottleConfig = { maxFailures: 5, lockoutMs: 15 * 60_000, ipMaxAttempts: 20, ipWindowMs: 15 * 60_000 };
const throttle = createLoginThrottle(db, config);
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const EMAIL = 'someone@example.com';

async function counter(email = EMAIL) {
  return db.loginThrottle.findUnique({ where: { key: accountKeyOf(email) } });
}

/** Begins and fails `n` attempts in a row; returns the results of the failures. */
async function failTimes(email: string, n: number, now = t0, ip: string | null = null) {
  const results = [];
  for (let i = 0; i < n; i++) {
    const begun = await throttle.beginAttempt(email, ip, now);
    if (!begun.ok) throw new Error(`attempt ${i + 1} refused: ${begun.reason}`);
    results.push(await throttle.recordFailure(begun.ticket, now));
  }
  return results;
}

async function ticket(email: string, now = t0, ip: string | null = null): Promise<AttemptTicket> {
  const begun = await throttle.beginAttempt(email, ip, now);
  if (!begun.ok) throw new Error(`refused: ${begun.reason}`);
  return begun.ticket;
}

beforeEach(resetTestDb);

describe('per-account lockout', () => {
  it('locks on the 5th consecutive failure and refuses the 6th attempt before any password work', async () => {
    const results = await failTimes(EMAIL, 5);
    expect(results.map((r) => r.locked)).toEqual([false, false, false, false, true]);
    expect(results[4]!.lockedNow).toBe(true);

    const sixth = await throttle.beginAttempt(EMAIL, null, at(1000));
    expect(sixth).toEqual({ ok: false, reason: 'account-locked', lockedNow: false });
    const row = await counter();
    expect(row?.lockedUntil).toEqual(at(config.lockoutMs));
    expect(row?.failures).toBe(0); // the counter starts over when the lock ends
    expect(await throttle.isAccountLocked(EMAIL, at(1000))).toBe(true);
  });

  it('keys the counter by the normalised email, one per address', async () => {
    await failTimes(' SomeOne@Example.com ', 5);
    expect((await throttle.beginAttempt(EMAIL, null, t0)).ok).toBe(false);
    expect((await throttle.beginAttempt('other@example.com', null, t0)).ok).toBe(true);
  });

  it('opens again when the lock period is over, with a fresh counter', async () => {
    await failTimes(EMAIL, 5);
    expect((await throttle.beginAttempt(EMAIL, null, at(config.lockoutMs - 1))).ok).toBe(false);
    const after = await throttle.beginAttempt(EMAIL, null, at(config.lockoutMs));
    expect(after.ok && after.ticket.count).toBe(1);
  });

  it('a success resets the counter; failures must be consecutive', async () => {
    await failTimes(EMAIL, 4);
    expect(await throttle.recordSuccess(await ticket(EMAIL))).toBe(true);
    expect(await counter()).toBeNull(); // gone, as if no one had ever failed
    const results = await failTimes(EMAIL, 4);
    expect(results.every((r) => !r.locked)).toBe(true);
  });

  it('a right first factor with a second still to come only releases its own slot (password and code guesses share the limit)', async () => {
    await failTimes(EMAIL, 3);
    expect(await throttle.releaseAttempt(await ticket(EMAIL))).toBe(true);
    expect((await counter())?.failures).toBe(3);
    // Two wrong codes after the right password: 3 + 2 = 5 → locked.
    const results = await failTimes(EMAIL, 2);
    expect(results.at(-1)).toEqual({ locked: true, lockedNow: true });
  });

  it('refuses a success that arrives after parallel failures locked the account', async () => {
    const slow = await ticket(EMAIL);
    await failTimes(EMAIL, 4); // slots 2-5; the 5th locks
    expect(await throttle.recordSuccess(slow, t0)).toBe(false);
    expect(await throttle.releaseAttempt(slow, t0)).toBe(false);
    expect(await throttle.isAccountLocked(EMAIL, t0)).toBe(true);
  });

  it('clearFailures (a completed sign-in without a ticket, e.g. SSO) resets unless locked', async () => {
    expect(await throttle.clearFailures('never-seen@example.com', t0)).toBe(true);
    await failTimes(EMAIL, 2);
    expect(await throttle.clearFailures(EMAIL, t0)).toBe(true);
    expect(await counter()).toBeNull();
    await failTimes(EMAIL, 5);
    expect(await throttle.clearFailures(EMAIL, t0)).toBe(false);
  });

  it('is race-safe: of 25 parallel attempts no more than 5 get past the throttle, and exactly one locks', async () => {
    const begun = await Promise.all(Array.from({ length: 25 }, () => throttle.beginAttempt(EMAIL, null, t0)));
    const admitted = begun.filter((b) => b.ok);
    expect(admitted.length).toBeGreaterThan(0);
    expect(admitted.length).toBeLessThanOrEqual(5);
    const failures = await Promise.all(admitted.map((b) => (b.ok ? throttle.recordFailure(b.ticket, t0) : null)));
    const lockers = begun.filter((b) => !b.ok && b.reason === 'account-locked' && b.lockedNow).length + failures.filter((f) => f?.lockedNow).length;
    expect(lockers).toBe(1);
    expect(await throttle.isAccountLocked(EMAIL, t0)).toBe(true);
  });
});

describe('per-IP window', () => {
  it('refuses an address past its limit within the window — without touching the account counter — and lets it in again after the window', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < config.ipMaxAttempts; i++) {
      const begun = await throttle.beginAttempt(`user${i}@example.com`, ip, at(i * 1000));
      expect(begun.ok).toBe(true);
      if (begun.ok) await throttle.recordFailure(begun.ticket, at(i * 1000));
    }
    const over = await throttle.beginAttempt(EMAIL, ip, at(30_000));
    expect(over).toEqual({ ok: false, reason: 'ip-limited' });
    expect(await counter()).toBeNull();
    // Another address is fine.
    expect((await throttle.beginAttempt(EMAIL, '198.51.100.7', at(30_000))).ok).toBe(true);
    // The window is fixed from its first attempt.
    const later = await throttle.beginAttempt('x@example.com', ip, at(config.ipWindowMs + 1));
    expect(later.ok && later.ticket.ip).toEqual({ key: `ip:${ip}`, windowStartedAt: at(config.ipWindowMs + 1) });
  });

  it('successful sign-ins give their IP slot back', async () => {
    const ip = '192.0.2.1';
    for (let i = 0; i < config.ipMaxAttempts + 5; i++) {
      expect(await throttle.recordSuccess(await ticket(EMAIL, t0, ip), t0)).toBe(true);
    }
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `ip:${ip}` } });
    expect(row.failures).toBe(0);
  });
});

describe('purgeStale', () => {
  it('deletes finished IP windows, expired pending-login nonces and counters back at zero — and nothing else', async () => {
    await failTimes('locked@example.com', 5, t0);
    await failTimes('counting@example.com', 2, t0, '192.0.2.50');
    await throttle.releaseAttempt(await ticket('fine@example.com', t0), t0); // back at zero, awaiting a code
    await db.loginThrottle.create({ data: { key: 'pending-login:abc', lockedUntil: at(60_000) } });
    await db.loginThrottle.create({ data: { key: 'pending-login:def', lockedUntil: at(config.lockoutMs * 10) } });

    expect(await throttle.purgeStale(at(1000))).toBe(1); // fine@ (zero, not locked)
    const deleted = await throttle.purgeStale(at(config.lockoutMs + 1));
    const left = (await db.loginThrottle.findMany({ orderBy: { key: 'asc' } })).map((row) => row.key);
    expect(left).toEqual(['account:counting@example.com', 'pending-login:def']);
    expect(deleted).toBe(3);
  });
});
