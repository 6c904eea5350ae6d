// Sign-in throttling and account lockout, kept in the database so every app
// instance sees the same counters (docs/decisions/010-login-throttling-and-lockout.md).
// Framework-free: tests drive it with a real database and a fake clock.
//
// Two limits, both checked before any password work:
//  - per account: consecutive failures, in a LoginThrottle row keyed
//    "account:<normalised email>". Every email gets the same row and the same
//    statements, whether an account exists or not — so neither a lockout nor
//    the time an attempt takes tells an attacker which emails are registered
//    (a separate counter in the User row measurably changed the timing: an
//    insert costs more than an update). The limit reached, the account is
//    locked for the lockout duration and its counter starts again from zero.
//  - per IP address: failed attempts within a fixed window ("ip:<address>").
//
// Race safety: an attempt *reserves* its slot with one atomic increment before
// the password is checked, and is counted as a failure until it proves
// otherwise. N parallel guesses therefore take N slots — never more than the
// limit get to argon2 — instead of all reading "4 failures so far" and all
// proceeding. Success gives the slot back (resets the account counter); a
// correct first factor with a second factor still to come only releases its
// own slot, so password + code guesses together stay within the same limit.
import type { Db } from '../db/client';

export type ThrottleConfig = {
  /** Consecutive failures that lock an account (PSD2 RTS Art. 4(3)(b): at most 5). */
  maxFailures: number;
  lockoutMs: number;
  /** Failed attempts one IP address may make per window. */
  ipMaxAttempts: number;
  ipWindowMs: number;
};

export type ThrottleConfigEnv = {
  LOGIN_MAX_FAILURES: number;
  LOGIN_LOCKOUT_DURATION: number;
  LOGIN_IP_MAX_ATTEMPTS: number;
  LOGIN_IP_WINDOW: number;
};

export function throttleConfigFromEnv(env: ThrottleConfigEnv): ThrottleConfig {
  return {
    maxFailures: env.LOGIN_MAX_FAILURES,
    lockoutMs: env.LOGIN_LOCKOUT_DURATION,
    ipMaxAttempts: env.LOGIN_IP_MAX_ATTEMPTS,
    ipWindowMs: env.LOGIN_IP_WINDOW,
  };
}

export type AttemptTicket = {
  /** The LoginThrottle key of the account counter. */
  accountKey: string;
  /** This attempt's position among consecutive failures (1 = the first). */
  count: number;
  ip: { key: string; windowStartedAt: Date } | null;
};

export type BeginAttemptResult =
  | { ok: true; ticket: AttemptTicket }
  /** lockedNow: this very attempt locked the account (the caller revokes sessions, audits). */
  | { ok: false; reason: 'account-locked'; lockedNow: boolean }
  | { ok: false; reason: 'ip-limited' };

export type FailureResult = { locked: boolean; lockedNow: boolean };

export const ACCOUNT_KEY_PREFIX = 'account:';
export const IP_KEY_PREFIX = 'ip:';

const errorCode = (error: unknown) =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
const isNotFound = (error: unknown) => errorCode(error) === 'P2025';
const isUniqueViolation = (error: unknown) => errorCode(error) === 'P2002';

/** The account counter's key: the email, normalised the way sign-in looks users up. */
export function accountKeyOf(email: string): string {
  return `${ACCOUNT_KEY_PREFIX}${email.trim().toLowerCase()}`;
}

const notLockedAt = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });

export function createLoginThrottle(db: Db, config: ThrottleConfig) {
  // ---- per account -------------------------------------------------------

  /** One atomic increment, only while not locked. Undefined when locked. */
  async function reserveAccountSlot(key: string, now: Date): Promise<number | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const row = await db.loginThrottle.update({
          where: { key, ...notLockedAt(now) },
          data: { failures: { increment: 1 } },
          select: { failures: true },
        });
        return row.failures;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      // No row yet, or a locked one.
      try {
        await db.loginThrottle.create({ data: { key, failures: 1, windowStartedAt: now } });
        return 1;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // It exists: locked, or created by a parallel attempt a moment ago (then try once more).
      const row = await db.loginThrottle.findUnique({ where: { key }, select: { lockedUntil: true } });
      if (row?.lockedUntil && row.lockedUntil > now) return undefined;
    }
    return undefined;
  }

  /** Locks the account unless it already is. True when this call set the lock. */
  async function lockAccount(key: string, now: Date): Promise<boolean> {
    const { count } = await db.loginThrottle.updateMany({
      where: { key, ...notLockedAt(now) },
      data: { lockedUntil: new Date(now.getTime() + config.lockoutMs), failures: 0 },
    });
    return count === 1;
  }

  // ---- per IP address ----------------------------------------------------

  async function reserveIpSlot(key: string, now: Date): Promise<{ count: number; windowStartedAt: Date }> {
    const windowOpenSince = new Date(now.getTime() - config.ipWindowMs);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const row = await db.loginThrottle.update({
          where: { key, windowStartedAt: { gt: windowOpenSince } },
          data: { failures: { increment: 1 } },
          select: { failures: true, windowStartedAt: true },
        });
        return { count: row.failures, windowStartedAt: row.windowStartedAt };
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      // No row, or its window is over: start a new window (one of several racers wins).
      try {
        await db.loginThrottle.create({ data: { key, failures: 1, windowStartedAt: now } });
        return { count: 1, windowStartedAt: now };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const { count } = await db.loginThrottle.updateMany({
        where: { key, windowStartedAt: { lte: windowOpenSince } },
        data: { failures: 1, windowStartedAt: now, lockedUntil: null },
      });
      if (count === 1) return { count: 1, windowStartedAt: now };
      // Someone else restarted the window between our statements: increment again.
    }
    return { count: 1, windowStartedAt: now };
  }

  async function releaseIpSlot(ip: AttemptTicket['ip']): Promise<void> {
    if (!ip) return;
    await db.loginThrottle.updateMany({
      where: { key: ip.key, windowStartedAt: ip.windowStartedAt, failures: { gt: 0 } },
      data: { failures: { decrement: 1 } },
    });
  }

  // ---- the attempt lifecycle ---------------------------------------------

  /**
   * Call before any password or code work. Refusals are cheap (a few indexed
   * statements, no argon2). An IP over its limit is refused before the account
   * counter is touched, so a flood from one address cannot lock anyone out.
   */
  async function beginAttempt(
    email: string,
    ipAddress: string | null,
    now: Date = new Date(),
  ): Promise<BeginAttemptResult> {
    let ip: AttemptTicket['ip'] = null;
    if (ipAddress) {
      const key = `${IP_KEY_PREFIX}${ipAddress}`;
      const reserved = await reserveIpSlot(key, now);
      if (reserved.count > config.ipMaxAttempts) {
        if (reserved.count === config.ipMaxAttempts + 1) {
          await db.loginThrottle.updateMany({
            where: { key, windowStartedAt: reserved.windowStartedAt },
            data: { lockedUntil: new Date(reserved.windowStartedAt.getTime() + config.ipWindowMs) },
          });
        }
        return { ok: false, reason: 'ip-limited' };
      }
      ip = { key, windowStartedAt: reserved.windowStartedAt };
    }

    const accountKey = accountKeyOf(email);
    const count = await reserveAccountSlot(accountKey, now);
    if (count === undefined) return { ok: false, reason: 'account-locked', lockedNow: false };
    if (count > config.maxFailures) {
      // More attempts in flight than the limit allows (or a crashed attempt left its
      // slot taken): lock, so the counter heals when the lock ends.
      return { ok: false, reason: 'account-locked', lockedNow: await lockAccount(accountKey, now) };
    }
    return { ok: true, ticket: { accountKey, count, ip } };
  }

  /** The attempt failed. Its slot stays taken; the last allowed failure locks the account. */
  async function recordFailure(ticket: AttemptTicket, now: Date = new Date()): Promise<FailureResult> {
    if (ticket.count < config.maxFailures) return { locked: false, lockedNow: false };
    return { locked: true, lockedNow: await lockAccount(ticket.accountKey, now) };
  }

  /**
   * The attempt fully succeeded: the account counter starts again from zero and
   * the IP slot is given back. False when the account was locked meanwhile by
   * parallel failures — then the caller must refuse the sign-in.
   */
  async function recordSuccess(ticket: AttemptTicket, now: Date = new Date()): Promise<boolean> {
    await releaseIpSlot(ticket.ip);
    // Deleted, not zeroed: a counter row then exists only while failures are
    // pending, for registered and unregistered emails alike — its presence (an
    // update instead of an insert on the next attempt) says nothing about the
    // account's owner having signed in.
    const { count } = await db.loginThrottle.deleteMany({ where: { key: ticket.accountKey, ...notLockedAt(now) } });
    return count === 1 || !(await isAccountLocked(ticket.accountKey.slice(ACCOUNT_KEY_PREFIX.length), now));
  }

  /**
   * The first factor was right, a second (TOTP) is still to come: give back this
   * attempt's slots without resetting earlier failures, so password and code
   * guesses share one limit. False when the account was locked meanwhile.
   */
  async function releaseAttempt(ticket: AttemptTicket, now: Date = new Date()): Promise<boolean> {
    await releaseIpSlot(ticket.ip);
    const { count } = await db.loginThrottle.updateMany({
      where: { key: ticket.accountKey, failures: { gt: 0 }, ...notLockedAt(now) },
      data: { failures: { decrement: 1 } },
    });
    return count === 1 || !(await isAccountLocked(ticket.accountKey.slice(ACCOUNT_KEY_PREFIX.length), now));
  }

  /** Resets an account's failure counter (a completed sign-in without a ticket, e.g. SSO). False when locked. */
  async function clearFailures(email: string, now: Date = new Date()): Promise<boolean> {
    const key = accountKeyOf(email);
    const { count } = await db.loginThrottle.deleteMany({ where: { key, ...notLockedAt(now) } });
    if (count === 1) return true;
    return !(await isAccountLocked(email, now)); // no row at all: nothing to reset, not locked
  }

  async function isAccountLocked(email: string, now: Date = new Date()): Promise<boolean> {
    const row = await db.loginThrottle.findUnique({ where: { key: accountKeyOf(email) }, select: { lockedUntil: true } });
    return row?.lockedUntil != null && row.lockedUntil > now;
  }

  /**
   * Deletes rows that no longer mean anything: IP windows that are over, and
   * used pending-login nonces past their expiry, and account counters back at
   * zero (a lock that has run out). Counters with
   * failures stay, registered email or not, so both keep behaving the same.
   */
  async function purgeStale(now: Date = new Date()): Promise<number> {
    const { count } = await db.loginThrottle.deleteMany({
      where: {
        OR: [
          {
            key: { startsWith: IP_KEY_PREFIX },
            windowStartedAt: { lte: new Date(now.getTime() - config.ipWindowMs) },
          },
          { key: { startsWith: ACCOUNT_KEY_PREFIX }, failures: 0, ...notLockedAt(now) },
          { key: { startsWith: 'pending-login:' }, lockedUntil: { lte: now } },
        ],
      },
    });
    return count;
  }

  return {
    beginAttempt,
    recordFailure,
    recordSuccess,
    releaseAttempt,
    clearFailures,
    isAccountLocked,
    purgeStale,
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
