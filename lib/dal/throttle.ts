// The sign-in throttle's storage: every statement on LoginThrottle rows, each
// guarded so that racing instances agree (docs/decisions/010, 018 and 031).
// lib/auth/throttle decides what to count, when to lock and what a key means;
// this only reads and writes rows, by key. Guarded writes report whether they
// matched (a racer may have changed the row first). Takes the client, so the
// throttle is tested against a real database.
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { recordAuditEvent } from './audit';

/** The client the throttle passes through to its statements. */
export type ThrottleDb = Db;

const isNotFound = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2025';

/** A counter not locked at `now` (no out-of-band unlock pending, no lock running). */
const notLockedAt = (now: Date) => ({ needsUnlock: false, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });

// ---- counters of either kind ----------------------------------------------

/** A new counter with this attempt's slot taken; false when a parallel attempt created it a moment ago. */
export async function insertThrottleCounter(db: ThrottleDb, key: string, now: Date): Promise<boolean> {
  try {
    await db.loginThrottle.create({ data: { key, failures: 1, windowStartedAt: now } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return false;
  }
}

// ---- account counters --------------------------------------------------------

/** One atomic increment of a counter that is not locked and whose window is open; null when none matched. */
export async function incrementOpenAccountCounter(db: ThrottleDb, key: string, now: Date, windowOpenSince: Date) {
  try {
    return await db.loginThrottle.update({
      where: { key, ...notLockedAt(now), windowStartedAt: { gt: windowOpenSince } },
      data: { failures: { increment: 1 } },
      select: { failures: true, windowStartedAt: true, refused: true },
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return null;
  }
}

export function findAccountCounter(db: ThrottleDb, key: string) {
  return db.loginThrottle.findUnique({
    where: { key },
    select: { failures: true, windowStartedAt: true, lockedUntil: true, needsUnlock: true, refused: true },
  });
}

/** Counts an attempt refused by this counter's lock (summarised once the lock is over). */
export async function countRefusalOn(db: ThrottleDb, key: string): Promise<void> {
  await db.loginThrottle.updateMany({ where: { key }, data: { refused: { increment: 1 } } });
}

/** Restarts a window that is over, only if the row is still exactly as read (one of several racers wins). */
export async function restartAccountWindow(
  db: ThrottleDb,
  key: string,
  seen: { failures: number; windowStartedAt: Date; refused: number },
  now: Date,
): Promise<boolean> {
  const { count } = await db.loginThrottle.updateMany({
    where: { key, failures: seen.failures, windowStartedAt: seen.windowStartedAt, refused: seen.refused, ...notLockedAt(now) },
    data: { failures: 1, windowStartedAt: now, refused: 0 },
  });
  return count === 1;
}

/** Takes the pending refusal count: true for exactly one caller. */
export async function claimRefusals(db: ThrottleDb, key: string, refused: number): Promise<boolean> {
  const { count } = await db.loginThrottle.updateMany({ where: { key, refused }, data: { refused: 0 } });
  return count === 1;
}

export function findLockState(db: ThrottleDb, key: string) {
  return db.loginThrottle.findUnique({ where: { key }, select: { lockCycles: true, lockedUntil: true, needsUnlock: true } });
}

/** Sets a lock, only if the lock state is still as read and no unlock is pending; true when this call set it. */
export async function setLock(
  db: ThrottleDb,
  key: string,
  seen: { lockCycles: number; lockedUntil: Date | null },
  lock: { cycle: number; until: Date | null; needsUnlock: boolean },
  now: Date,
): Promise<boolean> {
  const { count } = await db.loginThrottle.updateMany({
    where: { key, lockCycles: seen.lockCycles, lockedUntil: seen.lockedUntil, needsUnlock: false },
    data: { failures: 0, windowStartedAt: now, lockCycles: lock.cycle, lockedUntil: lock.until, needsUnlock: lock.needsUnlock },
  });
  return count === 1;
}

/** Those of these counters locked at `now`. */
export async function findLockedKeys(db: ThrottleDb, keys: string[], now: Date): Promise<string[]> {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: keys }, OR: [{ needsUnlock: true }, { lockedUntil: { gt: now } }] },
    select: { key: true },
  });
  return rows.map((row) => row.key);
}

/** One more wrong second-factor code on the counter (created if need be): the count now. */
export async function countCodeFailure(db: ThrottleDb, key: string, now: Date): Promise<number> {
  const row = await db.loginThrottle.upsert({
    where: { key },
    create: { key, failures: 0, windowStartedAt: now, codeFailures: 1 },
    update: { codeFailures: { increment: 1 } },
    select: { codeFailures: true },
  });
  return row.codeFailures;
}

/** Locks the counter until an out-of-band unlock, unless it already is; true when this call locked it. */
export async function lockUntilUnlocked(db: ThrottleDb, key: string, lockCycles: number): Promise<boolean> {
  const { count } = await db.loginThrottle.updateMany({
    where: { key, needsUnlock: false },
    data: { needsUnlock: true, lockedUntil: null, lockCycles, failures: 0 },
  });
  return count === 1;
}

export async function resetCodeFailures(db: ThrottleDb, key: string): Promise<void> {
  await db.loginThrottle.updateMany({ where: { key, codeFailures: { gt: 0 } }, data: { codeFailures: 0 } });
}

/** The row as this attempt's slot left it: its one failure, in its window, not locked. */
const untouchedSince = (key: string, windowStartedAt: Date, now: Date) => ({ key, failures: 1, windowStartedAt, ...notLockedAt(now) });

/** Deletes the counter this attempt inserted, if nothing else happened to it; true when it did. */
export async function deleteUntouchedCounter(db: ThrottleDb, key: string, windowStartedAt: Date, now: Date): Promise<boolean> {
  const { count } = await db.loginThrottle.deleteMany({
    where: { ...untouchedSince(key, windowStartedAt, now), lockCycles: 0, lockedUntil: null, codeFailures: 0, refused: 0 },
  });
  return count === 1;
}

/** Puts back the window this attempt restarted, if nothing else happened to it; true when it did. */
export async function restoreRestartedWindow(
  db: ThrottleDb,
  key: string,
  windowStartedAt: Date,
  previous: { failures: number; windowStartedAt: Date },
  now: Date,
): Promise<boolean> {
  const { count } = await db.loginThrottle.updateMany({ where: untouchedSince(key, windowStartedAt, now), data: previous });
  return count === 1;
}

/** Gives back one slot in this window of an unlocked counter; true when it did. */
export async function releaseAccountSlot(db: ThrottleDb, key: string, windowStartedAt: Date, now: Date): Promise<boolean> {
  const { count } = await db.loginThrottle.updateMany({
    where: { key, failures: { gt: 0 }, windowStartedAt, ...notLockedAt(now) },
    data: { failures: { decrement: 1 } },
  });
  return count === 1;
}

/** The out-of-band unlock: reads these counters, then deletes them. The rows as they were. */
export async function deleteThrottleCounters(db: ThrottleDb, keys: string[]) {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  await db.loginThrottle.deleteMany({ where: { key: { in: keys } } });
  return rows;
}

// ---- address counters --------------------------------------------------------

/** One atomic increment of a counter whose window is open; null when none matched. */
export async function incrementOpenAddressCounter(db: ThrottleDb, key: string, windowOpenSince: Date) {
  try {
    return await db.loginThrottle.update({
      where: { key, windowStartedAt: { gt: windowOpenSince } },
      data: { failures: { increment: 1 } },
      select: { failures: true, windowStartedAt: true },
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return null;
  }
}

export function findAddressCounter(db: ThrottleDb, key: string) {
  return db.loginThrottle.findUnique({ where: { key }, select: { failures: true, windowStartedAt: true } });
}

/** Starts a new window, only if the row is still exactly as read (one of several racers wins). */
export async function restartAddressWindow(db: ThrottleDb, key: string, seen: { failures: number; windowStartedAt: Date }, now: Date): Promise<boolean> {
  const { count } = await db.loginThrottle.updateMany({
    where: { key, failures: seen.failures, windowStartedAt: seen.windowStartedAt },
    data: { failures: 1, windowStartedAt: now },
  });
  return count === 1;
}

/** Gives back a slot taken in this window (none once the window restarted). */
export async function releaseAddressSlot(db: ThrottleDb, slot: { key: string; windowStartedAt: Date }): Promise<void> {
  await db.loginThrottle.updateMany({
    where: { key: slot.key, windowStartedAt: slot.windowStartedAt, failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}

/** Those of these counters whose window is open, with their counts. */
export function findOpenAddressCounters(db: ThrottleDb, keys: string[], windowOpenSince: Date) {
  return db.loginThrottle.findMany({
    where: { key: { in: keys }, windowStartedAt: { gt: windowOpenSince } },
    select: { key: true, failures: true },
  });
}

/** Counts a refused attempt on an open address counter (beyond its limit: the refusals of its window). */
export async function countAddressRefusal(db: ThrottleDb, key: string, windowOpenSince: Date): Promise<void> {
  await db.loginThrottle.updateMany({ where: { key, windowStartedAt: { gt: windowOpenSince } }, data: { failures: { increment: 1 } } });
}

// ---- purging ---------------------------------------------------------------

/** What makes a row stale: lib/auth/throttle's key prefixes and windows. */
export type StaleCriteria = {
  accountKeyPrefixes: readonly string[];
  addressKeyPrefix: string;
  failureWindowMs: number;
  lockMemoryMs: number;
  ipWindowMs: number;
};

/** Rows whose failures, lock and back-off memory are all over, and that hold no wrong-code count. */
export function staleThrottleWhere(criteria: StaleCriteria, now: Date) {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    OR: [
      ...criteria.accountKeyPrefixes.map((prefix) => ({
        key: { startsWith: prefix },
        windowStartedAt: { lte: ago(criteria.failureWindowMs) },
        needsUnlock: false,
        codeFailures: 0,
        OR: [{ lockedUntil: null }, { lockedUntil: { lte: ago(criteria.lockMemoryMs) } }],
      })),
      { key: { startsWith: criteria.addressKeyPrefix }, windowStartedAt: { lte: ago(criteria.ipWindowMs) } },
    ],
  };
}

export type StaleThrottleWhere = ReturnType<typeof staleThrottleWhere>;

export function findStaleCounters(db: ThrottleDb, stale: StaleThrottleWhere, take: number) {
  return db.loginThrottle.findMany({ where: stale, select: { key: true, failures: true, refused: true }, take });
}

/** Deletes exactly the row read (nobody counted more since): true when it did, so its summary is written once. */
export async function deleteUnchangedStaleCounter(
  db: ThrottleDb,
  stale: StaleThrottleWhere,
  row: { key: string; failures: number; refused: number },
): Promise<boolean> {
  const { count } = await db.loginThrottle.deleteMany({ where: { AND: [stale, { key: row.key, failures: row.failures, refused: row.refused }] } });
  return count === 1;
}

/** Deletes those of these counters still stale: how many. */
export async function deleteStaleCounters(db: ThrottleDb, stale: StaleThrottleWhere, keys: string[]): Promise<number> {
  const { count } = await db.loginThrottle.deleteMany({ where: { AND: [stale, { key: { in: keys } }] } });
  return count;
}

/** Used pending-login nonces past their expiry (the throttle's purge sweeps them too): how many went. */
export async function deleteExpiredPendingLoginNonces(db: ThrottleDb, now: Date): Promise<number> {
  return (await db.pendingLoginNonce.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

// ---- refusal summaries -------------------------------------------------------

/** Refused attempts on an account counter: one audit event, for the user if the email is registered. */
export async function recordAccountRefusals(db: ThrottleDb, email: string, refused: number): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  await recordAuditEvent(db, { type: 'login.refused', userId: user?.id ?? null, detail: { scope: 'account', refused } });
}

/** Refused attempts from an address (or prefix): one audit event. */
export async function recordAddressRefusals(db: ThrottleDb, address: string, refused: number): Promise<void> {
  await recordAuditEvent(db, { type: 'login.refused', ipAddress: address, detail: { scope: 'address', refused } });
}
