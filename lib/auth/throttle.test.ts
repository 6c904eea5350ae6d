import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { createLoginThrottle, type AttemptTicket, type ThrottleConfig } from './throttle';

const db = getTestDb();
const config: ThrottleConfig = { maxFailures: 5, lockoutMs: 15 * 60_000, ipMaxAttempts: 20, ipWindowMs: 15 * 60_000 };
const throttle = createLoginThrottle(db, config);
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

async function createUser(email = 'known@example.com') {
  return db.user.create({ data: { email, name: 'Known', passwordHash: 'x' } });
}

/** Begins and fails `n` attempts in a row; returns the results of the failures. */
async function failTimes(subject: Parameters<typeof throttle.beginAttempt>[0], n: number, now = t0, ip: string | null = null) {
  const results = [];
  for (let i = 0; i < n; i++) {
    const begun = await throttle.beginAttempt(subject, ip, now);
    if (!begun.ok) throw new Error(`attempt ${i + 1} refused: ${begun.reason}`);
    results.push(await throttle.recordFailure(begun.ticket, now));
  }
  return results;
}

async function ticket(subject: Parameters<typeof throttle.beginAttempt>[0], now = t0, ip: string | null = null): Promise<AttemptTicket> {
  const begun = await throttle.beginAttempt(subject, ip, now);
  if (!begun.ok) throw new Error(`refused: ${begun.reason}`);
  return begun.ticket;
}

beforeEach(resetTestDb);

describe('per-account lockout', () => {
  it('locks a known account on the 5th consecutive failure and refuses the 6th attempt before any password work', async () => {
    const user = await createUser();
    const results = await failTimes({ userId: user.id }, 5);
    expect(results.map((r) => r.locked)).toEqual([false, false, false, false, true]);
    expect(results[4]!.lockedNow).toBe(true);

    const sixth = await throttle.beginAttempt({ userId: user.id }, null, at(1000));
    expect(sixth).toEqual({ ok: false, reason: 'account-locked', lockedNow: false });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lockedUntil).toEqual(at(config.lockoutMs));
    expect(row.failedLoginCount).toBe(0); // the counter starts over when the lock ends
  });

  it('locks an unknown email exactly like a known one (no enumeration through lockout)', async () => {
    const results = await failTimes({ unknownEmail: 'nobody@example.com' }, 5);
    expect(results.map((r) => r.locked)).toEqual([false, false, false, false, true]);
    const sixth = await throttle.beginAttempt({ unknownEmail: 'nobody@example.com' }, null, at(1000));
    expect(sixth).toEqual({ ok: false, reason: 'account-locked', lockedNow: false });
    // A different unknown email is unaffected.
    expect((await throttle.beginAttempt({ unknownEmail: 'other@example.com' }, null, at(1000))).ok).toBe(true);
  });

  it('opens again when the lock period is over, with a fresh counter', async () => {
    const user = await createUser();
    await failTimes({ userId: user.id }, 5);
    expect((await throttle.beginAttempt({ userId: user.id }, null, at(config.lockoutMs - 1))).ok).toBe(false);
    const after = await throttle.beginAttempt({ userId: user.id }, null, at(config.lockoutMs));
    expect(after.ok && after.ticket.count).toBe(1);

    const unknown = { unknownEmail: 'ghost@example.com' };
    await failTimes(unknown, 5);
    const unknownAfter = await throttle.beginAttempt(unknown, null, at(config.lockoutMs));
    expect(unknownAfter.ok && unknownAfter.ticket.count).toBe(1);
  });

  it('a success resets the counter; failures must be consecutive', async () => {
    const user = await createUser();
    await failTimes({ userId: user.id }, 4);
    expect(await throttle.recordSuccess(await ticket({ userId: user.id }))).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(0);
    const results = await failTimes({ userId: user.id }, 4);
    expect(results.every((r) => !r.locked)).toBe(true);
  });

  it('a right first factor with a second still to come only releases its own slot (password and code guesses share the limit)', async () => {
    const user = await createUser();
    await failTimes({ userId: user.id }, 3);
    expect(await throttle.releaseAttempt(await ticket({ userId: user.id }))).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(3);
    // Two wrong codes after the right password: 3 + 2 = 5 → locked.
    const results = await failTimes({ userId: user.id }, 2);
    expect(results.at(-1)).toEqual({ locked: true, lockedNow: true });
  });

  it('refuses a success that arrives after parallel failures locked the account', async () => {
    const user = await createUser();
    const slow = await ticket({ userId: user.id });
    await failTimes({ userId: user.id }, 4); // slots 2-5; the 5th locks
    expect(await throttle.recordSuccess(slow, t0)).toBe(false);
    expect(await throttle.isUserLocked(user.id, t0)).toBe(true);
  });

  it('is race-safe: of 25 parallel attempts no more than 5 get past the throttle, and exactly one locks', async () => {
    const user = await createUser();
    const begun = await Promise.all(Array.from({ length: 25 }, () => throttle.beginAttempt({ userId: user.id }, null, t0)));
    const admitted = begun.filter((b) => b.ok);
    expect(admitted.length).toBeLessThanOrEqual(5);
    const failures = await Promise.all(admitted.map((b) => (b.ok ? throttle.recordFailure(b.ticket, t0) : null)));
    const lockers = begun.filter((b) => !b.ok && b.lockedNow).length + failures.filter((f) => f?.lockedNow).length;
    expect(lockers).toBe(1);
    expect(await throttle.isUserLocked(user.id, t0)).toBe(true);

    const unknown = await Promise.all(Array.from({ length: 25 }, () => throttle.beginAttempt({ unknownEmail: 'race@example.com' }, null, t0)));
    expect(unknown.filter((b) => b.ok).length).toBeLessThanOrEqual(5);
  });
});

describe('per-IP window', () => {
  it('refuses an address past its limit within the window — without touching the account counter — and lets it in again after the window', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < config.ipMaxAttempts; i++) {
      const begun = await throttle.beginAttempt({ unknownEmail: `user${i}@example.com` }, ip, at(i * 1000));
      expect(begun.ok).toBe(true);
      if (begun.ok) await throttle.recordFailure(begun.ticket, at(i * 1000));
    }
    const user = await createUser();
    const over = await throttle.beginAttempt({ userId: user.id }, ip, at(30_000));
    expect(over).toEqual({ ok: false, reason: 'ip-limited' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(0);
    // Another address is fine.
    expect((await throttle.beginAttempt({ userId: user.id }, '198.51.100.7', at(30_000))).ok).toBe(true);
    // The window is fixed from its first attempt.
    const later = await throttle.beginAttempt({ unknownEmail: 'x@example.com' }, ip, at(config.ipWindowMs + 1));
    expect(later.ok && later.ticket.count).toBe(1);
  });

  it('successful sign-ins give their IP slot back', async () => {
    const user = await createUser();
    const ip = '192.0.2.1';
    for (let i = 0; i < config.ipMaxAttempts * 2; i++) {
      expect(await throttle.recordSuccess(await ticket({ userId: user.id }, t0, ip), t0)).toBe(true);
    }
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `ip:${ip}` } });
    expect(row.failures).toBe(0);
  });
});

describe('purgeStale', () => {
  it('deletes finished IP windows, expired pending-login nonces and unknown-email rows back at zero — and nothing else', async () => {
    await failTimes({ unknownEmail: 'locked@example.com' }, 5, t0);
    await failTimes({ unknownEmail: 'counting@example.com' }, 2, t0, '192.0.2.50');
    await db.loginThrottle.create({ data: { key: 'pending-login:abc', lockedUntil: at(60_000) } });
    await db.loginThrottle.create({ data: { key: 'pending-login:def', lockedUntil: at(config.lockoutMs * 10) } });

    expect(await throttle.purgeStale(at(1000))).toBe(0);
    const deleted = await throttle.purgeStale(at(config.lockoutMs + 1));
    const left = (await db.loginThrottle.findMany({ orderBy: { key: 'asc' } })).map((row) => row.key);
    expect(left).toEqual(['account:counting@example.com', 'pending-login:def']);
    expect(deleted).toBe(3);
  });
});
