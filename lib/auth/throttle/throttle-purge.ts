// Deletes throttle rows that no longer say anything — on one schedule for every
// key, registered email or not, so neither a row's presence nor its age tells
// anyone which emails have accounts — and used pending-login nonces past their
// expiry. Refusals still counted on a deleted row are summarised first.
// Called by the background sweeper (lib/auth/sign-in/guard.ts) and scripts/purge-sessions.ts.
import type { Db } from '../../db/client';
import { ACCOUNT_KEY_PREFIXES, type RefusalSummary, type ThrottleConfig } from './throttle';
import { addressLimitOf, IP_KEY_PREFIX } from './throttle-address';
import { recordRefusalSummaries } from './throttle-refusals';

/** Rows whose failures, lock and back-off memory are all over, and that hold no wrong-code count. */
export function staleThrottleWhere(config: ThrottleConfig, now: Date) {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    OR: [
      ...ACCOUNT_KEY_PREFIXES.map((prefix) => ({
        key: { startsWith: prefix },
        windowStartedAt: { lte: ago(config.failureWindowMs) },
        needsUnlock: false,
        codeFailures: 0,
        OR: [{ lockedUntil: null }, { lockedUntil: { lte: ago(config.lockMemoryMs) } }],
      })),
      { key: { startsWith: IP_KEY_PREFIX }, windowStartedAt: { lte: ago(config.ipWindowMs) } },
    ],
  };
}

export type ThrottlePurgeResult = { throttleRows: number; nonces: number; summaries: number };

export async function purgeThrottleRows(
  db: Db,
  config: ThrottleConfig,
  options: { now?: Date; batchSize?: number } = {},
): Promise<ThrottlePurgeResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const stale = staleThrottleWhere(config, now);
  const result: ThrottlePurgeResult = { throttleRows: 0, nonces: 0, summaries: 0 };

  for (;;) {
    const batch = await db.loginThrottle.findMany({ where: stale, select: { key: true, failures: true, refused: true }, take: batchSize });
    if (batch.length === 0) break;
    const summaries: RefusalSummary[] = [];
    const plain: string[] = [];
    for (const row of batch) {
      const refused = row.key.startsWith(IP_KEY_PREFIX) ? row.failures - addressLimitOf(row.key, config.ipMaxAttempts) : row.refused;
      if (refused <= 0) {
        plain.push(row.key);
        continue;
      }
      // Exactly the row we read (nobody counted more since), so the summary is written once.
      const { count } = await db.loginThrottle.deleteMany({ where: { AND: [stale, { key: row.key, failures: row.failures, refused: row.refused }] } });
      result.throttleRows += count;
      if (count === 1) summaries.push({ key: row.key, refused });
    }
    if (plain.length > 0) {
      const { count } = await db.loginThrottle.deleteMany({ where: { AND: [stale, { key: { in: plain } }] } });
      result.throttleRows += count;
    }
    await recordRefusalSummaries(db, summaries);
    result.summaries += summaries.length;
    if (batch.length < batchSize) break;
  }

  result.nonces = (await db.pendingLoginNonce.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  return result;
}
