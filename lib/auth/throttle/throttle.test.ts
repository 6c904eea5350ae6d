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

describe('levels of evidence (ADR 031)', () => {
  const OWNER_IP = '198.51.100.77';

  it("an outsider's failures lock only unfamiliar clients: the owner's known device and her session still get attempts", async () => {
    for (let i = 0; i < 5; i++) {
      const begun = await throttle.beginAttempt(EMAIL, `203.0.113.${i}`, t0);
      if (begun.ok) await throttle.lockIfLimitReached(begun.ticket, t0);
    }
    expect(await throttle.beginAttempt(EMAIL, '203.0.113.99', at(1000))).toMatchObject({ ok: false, reason: 'account-locked' });
    expect((await throttle.beginAttempt(EMAIL, OWNER_IP, at(1000), 'known-device')).ok).toBe(true);
    expect((await throttle.beginAttempt(EMAIL, OWNER_IP, at(1000), 'in-session')).ok).toBe(true);
    expect(await throttle.isAccountLocked(EMAIL, at(1000), 'known-device')).toBe(false);
    expect(await throttle.lockStatus(EMAIL, at(1000))).toMatchObject({ state: 'locked', trust: 'unfamiliar' });
  });

  it('a lock refuses its own level and every weaker one: known-device failures lock sign-in everywhere but not step-up in a session', async () => {
    for (let i = 0; i < 5; i++) {
      const begun = await throttle.beginAttempt(EMAIL, IP, t0, 'known-device');
      if (begun.ok) await throttle.lockIfLimitReached(begun.ticket, t0);
    }
    expect(await throttle.beginAttempt(EMAIL, IP, at(1000), 'known-device')).toMatchObject({ ok: false, reason: 'account-locked' });
    expect(await throttle.beginAttempt(EMAIL, '203.0.113.1', at(1000))).toMatchObject({ ok: false, reason: 'account-locked' });
    expect((await throttle.beginAttempt(EMAIL, IP, at(1000), 'in-session')).ok).toBe(true);
    expect(await throttle.lockStatus(EMAIL, at(1000))).toMatchObject({ state: 'locked', trust: 'known-device' });
    // Both refusals (the known device's and the unfamiliar client's) were counted on the lock that refused them.
    expect((await db.loginThrottle.findUnique({ where: { key: accountKeyOf(EMAIL, 'known-device') } }))?.refused).toBe(2);
    expect(await counter()).toBeNull();
  });

  it('in-session failures lock every level', async () => {
    for (let i = 0; i < 5; i++) {
      const begun = await throttle.beginAttempt(EMAIL, IP, t0, 'in-session');
      if (begun.ok) await throttle.lockIfLimitReached(begun.ticket, t0);
    }
    for (const trust of ['unfamiliar', 'known-device', 'in-session'] as const) {
      expect(await throttle.beginAttempt(EMAIL, '203.0.113.1', at(1000), trust), trust).toMatchObject({ ok: false, reason: 'account-locked' });
    }
  });

  it("known devices and sessions are not held by the address limit: an attacker sharing the owner's address cannot stop her", async () => {
    for (let i = 0; i < config.ipMaxAttempts; i++) await throttle.beginAttempt(`spray-${i}@example.com`, OWNER_IP, t0);
    expect(await throttle.beginAttempt(EMAIL, OWNER_IP, t0)).toMatchObject({ ok: false, reason: 'ip-limited' });
    const known = await throttle.beginAttempt(EMAIL, OWNER_IP, t0, 'known-device');
    expect(known.ok && known.ticket.ip).toEqual([]);
    expect(await throttle.beginAttempt(EMAIL, null, t0, 'known-device')).toMatchObject({ ok: false, reason: 'no-client-address' });
  });

  // An outsider from any number of addresses (a fresh one per guess), adapting to the rules.
  const guessFrom = async (n: number, now: Date) => {
    const begun = await throttle.beginAttempt(EMAIL, `10.${(n >> 8) & 255}.${n & 255}.1`, now);
    if (begun.ok) await throttle.lockIfLimitReached(begun.ticket, now);
    return begun.ok;
  };

  it('concedes (maxFailures − 1) guesses per failure window to a patient outsider, whatever the number of addresses: 16 an hour, never a lock', async () => {
    let admitted = 0;
    let n = 0;
    for (let window = 0; window < 8; window++) {
      const start = window * (config.failureWindowMs + 1);
      for (let i = 0; i < config.maxFailures - 1; i++) if (await guessFrom(n++, at(start + i * 1000))) admitted++;
    }
    expect(admitted).toBe(8 * 4); // 2 hours and 8 ms: 16 an hour
    expect(await throttle.lockStatus(EMAIL, at(8 * (config.failureWindowMs + 1)))).toEqual({ state: 'open' });
  });

  it('concedes maxFailures × maxLocks guesses in all to an outsider who guesses as fast as the locks allow (15 in the first hour), then none until the unlock; the owner\'s known device is not bound', async () => {
    let now = t0;
    const admittedAt: number[] = [];
    for (let n = 0; n < 60; n++) {
      if (await guessFrom(n, now)) admittedAt.push(now.getTime() - t0.getTime());
      const status = await throttle.lockStatus(EMAIL, now);
      if (status.state === 'needs-unlock') break;
      now = status.state === 'locked' ? status.until : new Date(now.getTime() + 1000);
    }
    expect(admittedAt).toHaveLength(config.maxFailures * config.maxLocks);
    expect(admittedAt.filter((ms) => ms < 60 * MIN)).toHaveLength(15);
    expect(admittedAt.at(-1)).toBeLessThan(4 * 60 * MIN); // the unlock-only lock after ≈ 3¾ h
    const muchLater = at(30 * 24 * 60 * MIN);
    expect(await guessFrom(999, muchLater)).toBe(false);
    expect((await throttle.beginAttempt(EMAIL, IP, muchLater, 'known-device')).ok).toBe(true);
  });

  it('the out-of-band unlock clears every level', async () => {
    for (const trust of ['unfamiliar', 'known-device'] as const) {
      for (let i = 0; i < 5; i++) {
        const begun = await throttle.beginAttempt(EMAIL, IP, t0, trust);
        if (begun.ok) await throttle.lockIfLimitReached(begun.ticket, t0);
      }
    }
    expect((await throttle.unlockAccount(EMAIL, at(1000))).wasLocked).toBe(true);
    expect(await db.loginThrottle.count({ where: { key: { not: { startsWith: 'ip:' } } } })).toBe(0);
    expect((await throttle.beginAttempt(EMAIL, IP, at(1000))).ok).toBe(true);
  });
});

describe('IPv6 prefixes (ADR 031)', () => {
  // A small limit: a /64 gets 2 attempts per window, a /56 8, a /48 32.
  const small = createLoginThrottle(db, testThrottleConfig({ ipMaxAttempts: 2 }));
  const attempt = (address: string, i: number) => small.beginAttempt(`v6-${i}@example.com`, address, t0);

  it('a client rotating /64s inside one /56 shares the /56 limit (4 × a /64), and other /56s of its /48 go on', async () => {
    const outcomes: boolean[] = [];
    for (let i = 0; i < 20; i++) outcomes.push((await attempt(`2001:db8:7:${(0x100 + i).toString(16)}::1`, i)).ok);
    expect(outcomes.filter(Boolean)).toHaveLength(8);
    expect(outcomes.slice(0, 8).every(Boolean)).toBe(true);
    expect((await attempt('2001:db8:7:200::1', 99)).ok).toBe(true);
  });

  it('a /48 gets 16 × the /64 limit, not 65,536 ×; a flood of fresh /64s in a full /48 writes no row per /64', async () => {
    let admitted = 0;
    for (let i = 0; i < 64; i++) if ((await attempt(`2001:db8:9:${(i << 8).toString(16)}::1`, i)).ok) admitted++;
    expect(admitted).toBe(32);
    const rowsBefore = await db.loginThrottle.count();
    for (let i = 0; i < 200; i++) {
      expect(await attempt(`2001:db8:9:${(0x4000 + i).toString(16)}::1`, 1000 + i)).toMatchObject({ ok: false, reason: 'ip-limited' });
    }
    expect(await db.loginThrottle.count()).toBe(rowsBefore);
    expect((await db.loginThrottle.findUnique({ where: { key: 'ip:2001:db8:9::/48' } }))?.failures).toBe(64 + 200);
    // Another /48 is not held.
    expect((await attempt('2001:db8:a::1', 5000)).ok).toBe(true);
  });

  it('gives every prefix slot back on success', async () => {
    const begun = await attempt('2001:db8:b:1::1', 0);
    if (!begun.ok) throw new Error('refused');
    expect(begun.ticket.ip.map((slot) => slot.key)).toEqual(['ip:2001:db8:b:1::/64', 'ip:2001:db8:b:0::/56', 'ip:2001:db8:b::/48']);
    await small.releaseAttempt(begun.ticket, t0);
    expect((await db.loginThrottle.findMany({ where: { key: { startsWith: 'ip:' } } })).map((row) => row.failures)).toEqual([0, 0, 0]);
  });
});
