// Sign-in throttling and account lockout, kept in the database so every app
// instance sees the same counters (docs/decisions/010-login-throttling-and-lockout.md,
// 018-decaying-bounded-throttle.md). The decisions are here; the guarded
// statements are lib/dal/throttle.ts. Framework-free: tests drive it with a real
// database and a fake clock.
//
// Two limits, both checked before any password work:
//  - per account: failures inside a window that opens with the first failure of
//    a run and closes LOGIN_FAILURE_WINDOW later. The limit reached, the counter
//    is locked; each lock within the back-off memory doubles the last, and the
//    LOGIN_MAX_LOCKS-th needs an out-of-band unlock. Nothing but time (and that
//    unlock) lowers the count: a success only gives back its own slot, so "did
//    the owner sign in since my failures?" has no visible answer.
//    Each account has one counter per level of evidence the client brings (ADR
//    031): unfamiliar clients ("account:<email>" — every email gets the same row
//    and the same statements, registered or not), browsers holding the
//    account's device proof ("known-device:<email>") and its live sessions
//    ("in-session:<email>"). A lock refuses attempts at its level and below, so
//    anyone who knows an email locks out only unfamiliar clients.
//  - per address ("ip:<address>"; IPv6 by /64, /56 and /48 together): attempts
//    from unfamiliar clients within a fixed window.
//
// Race safety: an attempt *reserves* its slot with one atomic increment before
// the password is checked, and counts as a failure until it proves otherwise.
// N parallel guesses take N slots — never more than the limit get to argon2.
import {
  claimRefusals,
  countAddressRefusal,
  countCodeFailure,
  countRefusalOn,
  deleteThrottleCounters,
  deleteUntouchedCounter,
  findAccountCounter,
  findAddressCounter,
  findLockedKeys,
  findLockState,
  findOpenAddressCounters,
  incrementOpenAccountCounter,
  incrementOpenAddressCounter,
  insertThrottleCounter,
  lockUntilUnlocked,
  releaseAccountSlot,
  releaseAddressSlot,
  resetCodeFailures,
  restartAccountWindow,
  restartAddressWindow,
  restoreRestartedWindow,
  setLock,
  type ThrottleDb,
} from '../../dal/throttle';
import { addressKeysOf, addressLimitOf } from './throttle-address';

export type ThrottleConfig = {
  /** Failures inside the window that lock an account (PSD2 RTS Art. 4(3)(b): at most 5). */
  maxFailures: number;
  /** How long failures count, from the first of a run. */
  failureWindowMs: number;
  /** The first lock's length; each further lock within lockMemoryMs lasts twice the last. */
  lockoutMs: number;
  /** The lock (counted within lockMemoryMs) that lasts until an out-of-band unlock. */
  maxLocks: number;
  /** How long after a lock ends the next one still counts as a repeat. */
  lockMemoryMs: number;
  /** Attempts one address may make per window. */
  ipMaxAttempts: number;
  ipWindowMs: number;
};

export type ThrottleConfigEnv = {
  LOGIN_MAX_FAILURES: number;
  LOGIN_FAILURE_WINDOW: number;
  LOGIN_LOCKOUT_DURATION: number;
  LOGIN_MAX_LOCKS: number;
  LOGIN_LOCK_MEMORY: number;
  LOGIN_IP_MAX_ATTEMPTS: number;
  LOGIN_IP_WINDOW: number;
};

export function throttleConfigFromEnv(env: ThrottleConfigEnv): ThrottleConfig {
  return {
    maxFailures: env.LOGIN_MAX_FAILURES,
    failureWindowMs: env.LOGIN_FAILURE_WINDOW,
    lockoutMs: env.LOGIN_LOCKOUT_DURATION,
    maxLocks: env.LOGIN_MAX_LOCKS,
    lockMemoryMs: env.LOGIN_LOCK_MEMORY,
    ipMaxAttempts: env.LOGIN_IP_MAX_ATTEMPTS,
    ipWindowMs: env.LOGIN_IP_WINDOW,
  };
}

/** Wrong second-factor codes (after a right password) allowed across every lock cycle. */
export const maxCodeFailuresOf = (config: ThrottleConfig) => config.maxFailures * config.maxLocks;

/**
 * The evidence an attempt comes with, weakest first (ADR 031). It picks the
 * account counter the attempt counts on, and which locks refuse it.
 */
export type ClientTrust =
  /** Nothing but an email: the address limits apply. */
  | 'unfamiliar'
  /** A browser holding this account's valid device proof. */
  | 'known-device'
  /** A live session of this account (step-up, credential changes). */
  | 'in-session';

const TRUST_LEVELS: readonly ClientTrust[] = ['unfamiliar', 'known-device', 'in-session'];

/** How this attempt's account slot was taken — so a success can put the row back exactly as it was. */
type Reservation =
  | { kind: 'inserted' }
  | { kind: 'incremented' }
  | { kind: 'restarted'; previous: { failures: number; windowStartedAt: Date } };

export type AttemptTicket = {
  /** The LoginThrottle key of the account counter. */
  accountKey: string;
  /** This attempt's position among the window's failures (1 = the first). */
  count: number;
  windowStartedAt: Date;
  reservation: Reservation;
  /** The address slots taken (none for known devices and sessions). */
  ip: { key: string; windowStartedAt: Date }[];
};

/** A lock this call set, and the level it binds (it refuses that level and below). until null: locked until an out-of-band unlock. */
export type LockInfo = { cycle: number; until: Date | null; trust: ClientTrust };

/** Attempts refused during a lock or an address's window that is now over: one audit event, with the count. */
export type RefusalSummary = { key: string; refused: number };

export type BeginAttemptResult =
  | { ok: true; ticket: AttemptTicket; summaries: RefusalSummary[] }
  /** lockedNow: this very attempt locked the account (the caller audits it). */
  | { ok: false; reason: 'account-locked'; lockedNow: LockInfo | null; summaries: RefusalSummary[] }
  | { ok: false; reason: 'ip-limited'; summaries: RefusalSummary[] }
  /** No usable client address: refused, never "no limit". */
  | { ok: false; reason: 'no-client-address'; summaries: RefusalSummary[] };

export type FailureResult = { locked: boolean; lockedNow: LockInfo | null };
export type CodeFailureResult = { codeFailuresLeft: number; lockedNow: LockInfo | null };

/** trust: the strongest level the lock refuses ('unfamiliar': only clients without a device proof). */
export type LockStatus =
  | { state: 'open' }
  | { state: 'locked'; until: Date; cycle: number; trust: ClientTrust }
  | { state: 'needs-unlock'; trust: ClientTrust };

export const ACCOUNT_KEY_PREFIX = 'account:';
const KEY_PREFIX: Record<ClientTrust, string> = { unfamiliar: ACCOUNT_KEY_PREFIX, 'known-device': 'known-device:', 'in-session': 'in-session:' };
/** Every account counter's key prefix, for the purge and the refusal summaries. */
export const ACCOUNT_KEY_PREFIXES: readonly string[] = Object.values(KEY_PREFIX);

/** An account counter's key: the email, normalised the way sign-in looks users up (unfamiliar clients' counter by default). */
export function accountKeyOf(email: string, trust: ClientTrust = 'unfamiliar'): string {
  return `${KEY_PREFIX[trust]}${email.trim().toLowerCase()}`;
}

/** The counters whose lock refuses an attempt at this level: its own and every stronger one's. */
const bindingKeysOf = (email: string, trust: ClientTrust) =>
  TRUST_LEVELS.slice(TRUST_LEVELS.indexOf(trust)).map((level) => accountKeyOf(email, level));

const trustOfKey = (key: string): ClientTrust => TRUST_LEVELS.find((level) => key.startsWith(KEY_PREFIX[level])) ?? 'unfamiliar';

type LockFields = { lockedUntil: Date | null; needsUnlock: boolean };
const isLockedRow = (row: LockFields, now: Date) => row.needsUnlock || (row.lockedUntil !== null && row.lockedUntil > now);

export function createLoginThrottle(db: ThrottleDb, config: ThrottleConfig) {
  const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

  // ---- per account -------------------------------------------------------

  type AccountSlot =
    | { ok: true; count: number; windowStartedAt: Date; reservation: Reservation; summary?: RefusalSummary }
    | { ok: false };

  /** Takes this attempt's slot with one atomic statement where possible; refuses (and counts the refusal) while locked. */
  async function reserveAccountSlot(key: string, now: Date): Promise<AccountSlot> {
    const windowOpenSince = ago(now, config.failureWindowMs);
    for (let attempt = 0; attempt < 3; attempt++) {
      const incremented = await incrementOpenAccountCounter(db, key, now, windowOpenSince);
      if (incremented) {
        // Refusals accrue only while locked: a lock ended since, summarise them once.
        const summary = incremented.refused > 0 ? await claimRefusalSummary(key, incremented.refused) : undefined;
        return { ok: true, count: incremented.failures, windowStartedAt: incremented.windowStartedAt, reservation: { kind: 'incremented' }, summary };
      }
      // No row, a locked one, or one whose window is over.
      const row = await findAccountCounter(db, key);
      if (!row) {
        if (await insertThrottleCounter(db, key, now)) return { ok: true, count: 1, windowStartedAt: now, reservation: { kind: 'inserted' } };
        continue; // created by a parallel attempt a moment ago
      }
      if (isLockedRow(row, now)) {
        await countRefusalOn(db, key);
        return { ok: false };
      }
      if (row.windowStartedAt > windowOpenSince) continue; // a parallel attempt restarted the window
      // The window is over: its failures no longer count. One of several racers wins the restart.
      if (await restartAccountWindow(db, key, row, now)) {
        return {
          ok: true,
          count: 1,
          windowStartedAt: now,
          reservation: { kind: 'restarted', previous: { failures: row.failures, windowStartedAt: row.windowStartedAt } },
          summary: row.refused > 0 ? { key, refused: row.refused } : undefined,
        };
      }
    }
    // Lost every race: fail closed.
    return { ok: false };
  }

  /** Takes the pending refusal count (exactly one caller gets it). */
  async function claimRefusalSummary(key: string, refused: number): Promise<RefusalSummary | undefined> {
    return (await claimRefusals(db, key, refused)) ? { key, refused } : undefined;
  }

  /** Locks the account unless it already is, with the back-off for repeated locks. The lock this call set, if any. */
  async function lockAccount(key: string, now: Date): Promise<LockInfo | null> {
    const row = await findLockState(db, key);
    if (!row || isLockedRow(row, now)) return null;
    const remembered = row.lockedUntil !== null && row.lockedUntil > ago(now, config.lockMemoryMs);
    const cycle = (remembered ? row.lockCycles : 0) + 1;
    const needsUnlock = cycle >= config.maxLocks;
    const until = needsUnlock ? null : new Date(now.getTime() + config.lockoutMs * 2 ** (cycle - 1));
    return (await setLock(db, key, row, { cycle, until, needsUnlock }, now)) ? { cycle, until, trust: trustOfKey(key) } : null;
  }

  // ---- per address -------------------------------------------------------

  type IpSlot = { count: number; windowStartedAt: Date; summary?: RefusalSummary };

  async function reserveIpSlot(key: string, now: Date): Promise<IpSlot | undefined> {
    const limit = addressLimitOf(key, config.ipMaxAttempts);
    const windowOpenSince = ago(now, config.ipWindowMs);
    for (let attempt = 0; attempt < 3; attempt++) {
      const incremented = await incrementOpenAddressCounter(db, key, windowOpenSince);
      if (incremented) return { count: incremented.failures, windowStartedAt: incremented.windowStartedAt };
      const row = await findAddressCounter(db, key);
      if (!row) {
        if (await insertThrottleCounter(db, key, now)) return { count: 1, windowStartedAt: now };
        continue;
      }
      if (row.windowStartedAt > windowOpenSince) continue;
      // Start a new window; whoever wins also reports how many the old one refused.
      if (await restartAddressWindow(db, key, row, now)) {
        const refused = row.failures - limit;
        return { count: 1, windowStartedAt: now, summary: refused > 0 ? { key, refused } : undefined };
      }
    }
    return undefined; // fail closed
  }

  async function releaseIpSlots(slots: AttemptTicket['ip']): Promise<void> {
    for (const ip of slots) await releaseAddressSlot(db, ip);
  }

  type AddressSlots = { ok: true; slots: AttemptTicket['ip'] } | { ok: false };

  /**
   * Takes a slot in every counter of the address, narrowest first, and stops at
   * the first one over its limit. With several counters (IPv6), a prefix already
   * full is refused up front, counting on that prefix's row alone: a flood
   * rotating through fresh /64s of a full /48 creates no row per /64.
   */
  async function reserveAddressSlots(keys: string[], now: Date, summaries: RefusalSummary[]): Promise<AddressSlots> {
    if (keys.length > 1) {
      const open = ago(now, config.ipWindowMs);
      const rows = await findOpenAddressCounters(db, keys, open);
      const full = rows.find((row) => row.failures >= addressLimitOf(row.key, config.ipMaxAttempts));
      if (full) {
        await countAddressRefusal(db, full.key, open);
        return { ok: false };
      }
    }
    const slots: AttemptTicket['ip'] = [];
    for (const key of keys) {
      const slot = await reserveIpSlot(key, now);
      if (slot?.summary) summaries.push(slot.summary);
      if (!slot || slot.count > addressLimitOf(key, config.ipMaxAttempts)) return { ok: false };
      slots.push({ key, windowStartedAt: slot.windowStartedAt });
    }
    return { ok: true, slots };
  }

  /** The first of these counters that is locked now, if any (one statement for every email alike). */
  async function findLockedKey(keys: string[], now: Date): Promise<string | undefined> {
    const locked = await findLockedKeys(db, keys, now);
    return keys.find((key) => locked.includes(key));
  }

  // ---- the attempt lifecycle ---------------------------------------------

  /**
   * Call before any password or code work. Refusals are cheap (a few indexed
   * statements, no argon2). An unfamiliar client's address over its limit is
   * refused before the account counter is touched, so a flood from one address
   * cannot lock anyone out. Known devices and sessions are limited by their
   * account's own counters only: an attacker sharing the owner's address (a NAT,
   * a /48) must not stop her.
   */
  async function beginAttempt(
    email: string,
    ipAddress: string | null,
    now: Date = new Date(),
    trust: ClientTrust = 'unfamiliar',
  ): Promise<BeginAttemptResult> {
    const summaries: RefusalSummary[] = [];
    const addressKeys = addressKeysOf(ipAddress);
    if (!addressKeys) return { ok: false, reason: 'no-client-address', summaries };
    let ip: AttemptTicket['ip'] = [];
    if (trust === 'unfamiliar') {
      const address = await reserveAddressSlots(addressKeys, now, summaries);
      if (!address.ok) return { ok: false, reason: 'ip-limited', summaries };
      ip = address.slots;
    }

    const accountKey = accountKeyOf(email, trust);
    // A lock at a stronger level (someone with a device proof or a session failed) binds this attempt too.
    const stronger = bindingKeysOf(email, trust).slice(1);
    const lockedAbove = stronger.length > 0 ? await findLockedKey(stronger, now) : undefined;
    if (lockedAbove) {
      await countRefusalOn(db, lockedAbove);
      return { ok: false, reason: 'account-locked', lockedNow: null, summaries };
    }
    const slot = await reserveAccountSlot(accountKey, now);
    if (slot.ok && slot.summary) summaries.push(slot.summary);
    if (!slot.ok) return { ok: false, reason: 'account-locked', lockedNow: null, summaries };
    if (slot.count > config.maxFailures) {
      // More attempts in flight than the limit allows (or a crashed attempt left its
      // slot taken): lock, so the counter heals when the lock ends.
      return { ok: false, reason: 'account-locked', lockedNow: await lockAccount(accountKey, now), summaries };
    }
    return {
      ok: true,
      ticket: { accountKey, count: slot.count, windowStartedAt: slot.windowStartedAt, reservation: slot.reservation, ip },
      summaries,
    };
  }

  /**
   * A request from an unfamiliar client that checks no secret but costs
   * something (a password reset mail): it takes a slot on the address's
   * counters only — never an account's, so asking for someone's reset mails
   * locks nobody out (ADR 040). The slot stays taken: that is the count.
   */
  async function takeAddressSlot(
    ipAddress: string | null,
    now: Date = new Date(),
  ): Promise<{ ok: boolean; reason?: 'ip-limited' | 'no-client-address'; summaries: RefusalSummary[] }> {
    const summaries: RefusalSummary[] = [];
    const addressKeys = addressKeysOf(ipAddress);
    if (!addressKeys) return { ok: false, reason: 'no-client-address', summaries };
    const address = await reserveAddressSlots(addressKeys, now, summaries);
    return address.ok ? { ok: true, summaries } : { ok: false, reason: 'ip-limited', summaries };
  }

  /** The attempt failed. Its slot stays taken (that *is* the record); the limit reached locks the account. */
  async function lockIfLimitReached(ticket: AttemptTicket, now: Date = new Date()): Promise<FailureResult> {
    if (ticket.count < config.maxFailures) return { locked: false, lockedNow: null };
    return { locked: true, lockedNow: await lockAccount(ticket.accountKey, now) };
  }

  /**
   * A wrong second-factor code after a right password. These never decay: only
   * a verified code resets them, and reaching maxFailures × maxLocks locks the
   * account until an out-of-band unlock, whatever the lock cycles did meanwhile.
   */
  async function recordCodeFailure(ticket: AttemptTicket, now: Date = new Date()): Promise<CodeFailureResult> {
    const max = maxCodeFailuresOf(config);
    const key = ticket.accountKey;
    const codeFailures = await countCodeFailure(db, key, now);
    if (codeFailures < max) return { codeFailuresLeft: max - codeFailures, lockedNow: null };
    const lockedNow = await lockUntilUnlocked(db, key, config.maxLocks);
    return { codeFailuresLeft: 0, lockedNow: lockedNow ? { cycle: config.maxLocks, until: null, trust: trustOfKey(key) } : null };
  }

  /**
   * A factor was verified: give back this attempt's slots, putting the row back
   * the way the reservation found it, so a successful sign-in leaves no trace an
   * attacker could observe. Earlier failures stay. With secondFactorVerified the
   * wrong-code count resets too. False when the account was locked meanwhile
   * (by parallel failures): then the caller must refuse.
   */
  async function releaseAttempt(
    ticket: AttemptTicket,
    now: Date = new Date(),
    options: { secondFactorVerified?: boolean } = {},
  ): Promise<boolean> {
    await releaseIpSlots(ticket.ip);
    const key = ticket.accountKey;
    if (options.secondFactorVerified) await resetCodeFailures(db, key);
    let released = false;
    if (ticket.reservation.kind === 'inserted') {
      released = await deleteUntouchedCounter(db, key, ticket.windowStartedAt, now);
    } else if (ticket.reservation.kind === 'restarted') {
      released = await restoreRestartedWindow(db, key, ticket.windowStartedAt, ticket.reservation.previous, now);
    }
    // Others failed since (or the row was incremented): give back just this slot, in its own window.
    if (!released) released = await releaseAccountSlot(db, key, ticket.windowStartedAt, now);
    return released || !(await isKeyLocked(key, now));
  }

  async function isKeyLocked(key: string, now: Date): Promise<boolean> {
    const row = await findLockState(db, key);
    return row !== null && isLockedRow(row, now);
  }

  /** Whether an attempt at this level would be refused by a lock now. */
  async function isAccountLocked(email: string, now: Date = new Date(), trust: ClientTrust = 'unfamiliar'): Promise<boolean> {
    return (await findLockedKey(bindingKeysOf(email, trust), now)) !== undefined;
  }

  /** Counts a refusal decided elsewhere (a first factor without a ticket, e.g. SSO, reaching a locked account) on the lock that refused it. */
  async function countRefusal(email: string, now: Date = new Date(), trust: ClientTrust = 'unfamiliar'): Promise<void> {
    const key = await findLockedKey(bindingKeysOf(email, trust), now);
    if (key) await countRefusalOn(db, key);
  }

  /** The strongest lock on the account now (it refuses its level and every weaker one). */
  async function lockStatus(email: string, now: Date = new Date()): Promise<LockStatus> {
    for (const trust of [...TRUST_LEVELS].reverse()) {
      const row = await findLockState(db, accountKeyOf(email, trust));
      if (!row || !isLockedRow(row, now)) continue;
      return row.needsUnlock ? { state: 'needs-unlock', trust } : { state: 'locked', until: row.lockedUntil!, cycle: row.lockCycles, trust };
    }
    return { state: 'open' };
  }

  /**
   * The out-of-band unlock (support has verified the owner): the account's rows
   * go, at every level, lock history and wrong-code counts included. Reports
   * whether any was locked, and the refusals not yet summarised.
   */
  async function unlockAccount(email: string, now: Date = new Date()): Promise<{ wasLocked: boolean; summaries: RefusalSummary[] }> {
    const keys = TRUST_LEVELS.map((trust) => accountKeyOf(email, trust));
    const rows = await deleteThrottleCounters(db, keys);
    return {
      wasLocked: rows.some((row) => isLockedRow(row, now)),
      summaries: rows.filter((row) => row.refused > 0).map((row) => ({ key: row.key, refused: row.refused })),
    };
  }

  return {
    config,
    beginAttempt,
    takeAddressSlot,
    lockIfLimitReached,
    recordCodeFailure,
    releaseAttempt,
    isAccountLocked,
    countRefusal,
    lockStatus,
    unlockAccount,
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
