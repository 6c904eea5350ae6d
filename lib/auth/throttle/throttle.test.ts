import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { MIN, testThrottleConfig } from './testing';
import { accountKeyOf, createLoginThrottle, type AttemptTicket, type LockInfo } from './throttle';

const db = getTestDb();
const config = testThrottleConfig();
const throttle = createLoginThrottle(db, config);
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const EMAIL = 'someone@example.com';
const IP = '192.0.2.10';

async function counter(email = EMAIL) {
  return db.loginThrottle.findUnique({ where: { key: accountKeyOf(email) } });
}

/** Begins and fails `n` attempts in a row; returns the results of the failures. */
async function failTimes(email: string, n: number, now = t0, ip = IP) {
  const results = [];
  for (let i = 0; i < n; i++) {
    const begun = await throttle.beginAttempt(email, ip, now);
    if (!begun.ok) throw new Error(`attempt ${i + 1} refused: ${begun.reason}`);
    results.push(await throttle.lockIfLimitReached(begun.ticket, now));
  }
  return results;
}

async function ticket(email: string, now = t0, ip = IP): Promise<AttemptTicket> {
  const begun = await throttle.beginAttempt(email, ip, now);
  if (!begun.ok) throw new Error(`refused: ${begun.reason}`);
  return begun.ticket;
}

/** Locks the account at `now`; returns the lock set. */
async function lockAt(now: Date, email = EMAIL) {
  const results = await failTimes(email, 5, now);
  return results.at(-1)!.lockedNow;
}

beforeEach(resetTestDb);

describe('per-account lockout', () => {
  it('locks on the 5th failure and refuses the 6th attempt before any password work', async () => {
    const results = await failTimes(EMAIL, 5);
    expect(results.map((r) => r.locked)).toEqual([false, false, false, false, true]);
    expect(results[4]!.lockedNow).toEqual({ cycle: 1, until: at(config.lockoutMs), trust: 'unfamiliar' });

    const sixth = await throttle.beginAttempt(EMAIL, IP, at(1000));
    expect(sixth).toMatchObject({ ok: false, reason: 'account-locked', lockedNow: null });
    expect(await throttle.lockStatus(EMAIL, at(1000))).toEqual({ state: 'locked', until: at(config.lockoutMs), cycle: 1, trust: 'unfamiliar' });
  });

  it('keys the counter by the normalised email, one per address', async () => {
    await failTimes(' SomeOne@Example.com ', 5);
    expect((await throttle.beginAttempt(EMAIL, IP, t0)).ok).toBe(false);
    expect((await throttle.beginAttempt('other@example.com', IP, t0)).ok).toBe(true);
  });

  it('opens again when the lock period is over, with a fresh count', async () => {
    await failTimes(EMAIL, 5);
    expect((await throttle.beginAttempt(EMAIL, IP, at(config.lockoutMs - 1))).ok).toBe(false);
    const after = await throttle.beginAttempt(EMAIL, IP, at(config.lockoutMs));
    expect(after.ok && after.ticket.count).toBe(1);
  });

  it('failures expire with their window — the same for every email, so a stale counter says nothing about sign-ins', async () => {
    await failTimes(EMAIL, 4, t0);
    // Within the window the 5th failure locks…
    expect((await ticket(EMAIL, at(config.failureWindowMs - 1))).count).toBe(5);
    await resetTestDb();
    // …a day later it is a first failure again (before: the counter lived until a successful sign-in).
    await failTimes(EMAIL, 4, t0);
    const dayLater = await ticket(EMAIL, at(24 * 60 * MIN));
    expect(dayLater.count).toBe(1);
    expect(await throttle.lockIfLimitReached(dayLater, at(24 * 60 * MIN))).toEqual({ locked: false, lockedNow: null });
  });

  it('a success resets nothing (only its own slot goes back): the owner signing in between is invisible to the guesser', async () => {
    await failTimes(EMAIL, 4);
    expect(await throttle.releaseAttempt(await ticket(EMAIL, at(1000)), at(1000))).toBe(true);
    const row = await counter();
    expect(row).toMatchObject({ failures: 4, windowStartedAt: t0 }); // exactly as the four failures left it
    // The guesser's 5th failure locks, as it would for an email nobody signs in to.
    expect((await failTimes(EMAIL, 1, at(2000)))[0]).toMatchObject({ locked: true });
  });

  it('a success leaves the row exactly as it found it: no row, or an expired one untouched', async () => {
    expect(await throttle.releaseAttempt(await ticket(EMAIL))).toBe(true);
    expect(await counter()).toBeNull(); // no trace: the next attempt inserts, like for any unused email

    await failTimes(EMAIL, 3, t0);
    const later = at(config.failureWindowMs + MIN);
    expect(await throttle.releaseAttempt(await ticket(EMAIL, later), later)).toBe(true);
    expect(await counter()).toMatchObject({ failures: 3, windowStartedAt: t0 });
  });

  it('a right first factor with a second still to come only releases its own slot (password and code guesses share the limit)', async () => {
    await failTimes(EMAIL, 3);
    expect(await throttle.releaseAttempt(await ticket(EMAIL))).toBe(true);
    expect((await counter())?.failures).toBe(3);
    const results = await failTimes(EMAIL, 2);
    expect(results.at(-1)).toMatchObject({ locked: true });
  });

  it('refuses a success that arrives after parallel failures locked the account', async () => {
    const slow = await ticket(EMAIL);
    await failTimes(EMAIL, 4); // slots 2-5; the 5th locks
    expect(await throttle.releaseAttempt(slow, t0)).toBe(false);
    expect(await throttle.isAccountLocked(EMAIL, t0)).toBe(true);
  });

  it('is race-safe: of 25 parallel attempts no more than 5 get past the throttle, and exactly one locks', async () => {
    const begun = await Promise.all(Array.from({ length: 25 }, () => throttle.beginAttempt(EMAIL, IP, t0)));
    const admitted = begun.filter((b) => b.ok);
    expect(admitted.length).toBeGreaterThan(0);
    expect(admitted.length).toBeLessThanOrEqual(5);
    const failures = await Promise.all(admitted.map((b) => (b.ok ? throttle.lockIfLimitReached(b.ticket, t0) : null)));
    const lockers =
      begun.filter((b) => !b.ok && b.reason === 'account-locked' && b.lockedNow).length + failures.filter((f) => f?.lockedNow).length;
    expect(lockers).toBe(1);
    expect(await throttle.isAccountLocked(EMAIL, t0)).toBe(true);
  });
});

describe('progressive back-off and the out-of-band unlock', () => {
  it('each lock within the memory lasts twice the last; the 5th needs an unlock; unlocking starts over', async () => {
    let now = t0;
    const locks: (LockInfo | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const lock = await lockAt(now);
      locks.push(lock);
      if (lock?.until) now = new Date(lock.until.getTime() + 1000);
    }
    const lengths = locks.slice(0, 4).map((lock, i) => lock!.until!.getTime() - (i === 0 ? t0.getTime() : locks[i - 1]!.until!.getTime() + 1000));
    expect(lengths).toEqual([15 * MIN, 30 * MIN, 60 * MIN, 120 * MIN]);
    expect(locks[4]).toEqual({ cycle: 5, until: null, trust: 'unfamiliar' });

    // A year later it is still locked: only the unlock opens it.
    const yearLater = at(365 * 24 * 60 * MIN);
    expect(await throttle.lockStatus(EMAIL, yearLater)).toEqual({ state: 'needs-unlock', trust: 'unfamiliar' });
    expect((await throttle.beginAttempt(EMAIL, IP, yearLater)).ok).toBe(false);
    expect(await throttle.unlockAccount(EMAIL, yearLater)).toEqual({ wasLocked: true, summaries: [{ key: accountKeyOf(EMAIL), refused: 1 }] });
    expect(await lockAt(yearLater)).toEqual({ cycle: 1, until: new Date(yearLater.getTime() + 15 * MIN), trust: 'unfamiliar' });
  });

  it('forgets earlier locks after the lock memory', async () => {
    const first = await lockAt(t0);
    const muchLater = new Date(first!.until!.getTime() + config.lockMemoryMs + 1);
    expect(await lockAt(muchLater)).toEqual({ cycle: 1, until: new Date(muchLater.getTime() + 15 * MIN), trust: 'unfamiliar' });
  });
});

describe('second-factor guesses', () => {
  it('are capped across lock cycles: maxFailures × maxLocks wrong codes lock until an unlock, however slowly they come', async () => {
    let left = Infinity;
    let hardLock: LockInfo | null = null;
    for (let i = 0; i < 25; i++) {
      // One wrong code a day: no ordinary lock ever happens, the window and lock memory both expire.
      const now = at(i * 2 * config.lockMemoryMs);
      const t = await ticket(EMAIL, now);
      const result = await throttle.recordCodeFailure(t, now);
      left = result.codeFailuresLeft;
      hardLock = result.lockedNow ?? hardLock;
    }
    expect(left).toBe(0);
    expect(hardLock).toEqual({ cycle: 5, until: null, trust: 'unfamiliar' });
    expect(await throttle.lockStatus(EMAIL, at(100 * config.lockMemoryMs))).toEqual({ state: 'needs-unlock', trust: 'unfamiliar' });
  });

  it('a verified code resets the wrong-code count; a verified password alone does not', async () => {
    for (let i = 0; i < 3; i++) await throttle.recordCodeFailure(await ticket(EMAIL), t0);
    await throttle.releaseAttempt(await ticket(EMAIL), t0);
    expect((await counter())?.codeFailures).toBe(3);
    await throttle.releaseAttempt(await ticket(EMAIL), t0, { secondFactorVerified: true });
    expect((await counter())?.codeFailures).toBe(0);
  });
});

describe('refused attempts', () => {
  it('are counted on the row and summarised once, with the count, when the lock is over — not one row each', async () => {
    await failTimes(EMAIL, 5);
    for (let i = 0; i < 30; i++) expect((await throttle.beginAttempt(EMAIL, `198.51.100.${i}`, at(1000))).ok).toBe(false);
    expect((await counter())?.refused).toBe(30);
    const after = await throttle.beginAttempt(EMAIL, IP, at(config.lockoutMs + 1));
    expect(after.summaries).toEqual([{ key: accountKeyOf(EMAIL), refused: 30 }]);
    expect((await throttle.beginAttempt(EMAIL, IP, at(config.lockoutMs + 2))).summaries).toEqual([]);
  });
});

describe('per-address window', () => {
  it('refuses an address past its limit within the window — without touching the account counter — and lets it in again after', async () => {
    for (let i = 0; i < config.ipMaxAttempts; i++) {
      const begun = await throttle.beginAttempt(`user${i}@example.com`, IP, at(i * 1000));
      expect(begun.ok).toBe(true);
      if (begun.ok) await throttle.lockIfLimitReached(begun.ticket, at(i * 1000));
    }
    expect(await throttle.beginAttempt(EMAIL, IP, at(30_000))).toMatchObject({ ok: false, reason: 'ip-limited' });
    expect(await throttle.beginAttempt(EMAIL, IP, at(31_000))).toMatchObject({ ok: false, reason: 'ip-limited' });
    expect(await counter()).toBeNull();
    expect((await throttle.beginAttempt(EMAIL, '198.51.100.7', at(30_000))).ok).toBe(true);
    // The next window reports the old one's refusals, once.
    const later = await throttle.beginAttempt('x@example.com', IP, at(config.ipWindowMs + 1));
    expect(later.ok && later.ticket.ip).toEqual([{ key: `ip:${IP}`, windowStartedAt: at(config.ipWindowMs + 1) }]);
    expect(later.summaries).toEqual([{ key: `ip:${IP}`, refused: 2 }]);
  });

  it('keys IPv6 by /64: a client rotating through its /64 shares one limit', async () => {
    for (let i = 0; i < config.ipMaxAttempts; i++) {
      expect((await throttle.beginAttempt(`v6-${i}@example.com`, `2001:db8:1:2::${(i + 1).toString(16)}`, t0)).ok).toBe(true);
    }
    expect(await throttle.beginAttempt(EMAIL, '2001:db8:1:2:ffff:ffff:ffff:ffff', t0)).toMatchObject({ ok: false, reason: 'ip-limited' });
    expect((await throttle.beginAttempt(EMAIL, '2001:db8:1:3::1', t0)).ok).toBe(true);
  });

  it('refuses an attempt without a client address — never skips the limit', async () => {
    for (const missing of [null, '', 'not-an-address']) {
      expect(await throttle.beginAttempt(EMAIL, missing, t0)).toMatchObject({ ok: false, reason: 'no-client-address' });
    }
    expect(await db.loginThrottle.count()).toBe(0);
  });

  it('successful sign-ins give their address slot back', async () => {
    for (let i = 0; i < config.ipMaxAttempts + 5; i++) {
      expect(await throttle.releaseAttempt(await ticket(EMAIL, t0, '192.0.2.1'), t0)).toBe(true);
    }
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: 'ip:192.0.2.1' } });
    expect(row.failures).toBe(0);
  });
});
