// Deletes throttle rows that no longer say anything — on one schedule for every
// key, registered email or not, so neither a row's presence nor its age tells
// anyone which emails have accounts — and used pending-login nonces past their
// expiry. Refusals still counted on a deleted row are summarised first.
// Called by the background sweeper (lib/auth/sign-in/guard.ts) and scripts/purge-sessions.ts.
import {
  deleteExpiredPendingLoginNonces,
  deleteStaleCounters,
  deleteUnchangedStaleCounter,
  findStaleCounters,
  staleThrottleWhere,
  type ThrottleDb,
} from '../../dal/throttle';
import { ACCOUNT_KEY_PREFIXES, type RefusalSummary, type ThrottleConfig } from './throttle';
import { addressLimitOf, IP_KEY_PREFIX } from './throttle-address';
import { recordRefusalSummaries } from './throttle-refusals';

/** Stale: failures, lock and back-off memory all over, and no wrong-code count (the statement is lib/dal/throttle.ts). */
const staleRows = ({ failureWindowMs, lockMemoryMs, ipWindowMs }: ThrottleConfig, now: Date) =>
  staleThrottleWhere({ accountKeyPrefixes: ACCOUNT_KEY_PREFIXES, addressKeyPrefix: IP_KEY_PREFIX, failureWindowMs, lockMemoryMs, ipWindowMs }, now);

export type ThrottlePurgeResult = { throttleRows: number; nonces: number; summaries: number };

export async function purgeThrottleRows(
  db: ThrottleDb,
  config: ThrottleConfig,
  options: { now?: Date; batchSize?: number } = {},
): Promise<ThrottlePurgeResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const stale = staleRows(config, now);
  const result: ThrottlePurgeResult = { throttleRows: 0, nonces: 0, summaries: 0 };

  for (;;) {
    const batch = await findStaleCounters(db, stale, batchSize);
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
      if (await deleteUnchangedStaleCounter(db, stale, row)) {
        result.throttleRows += 1;
        summaries.push({ key: row.key, refused });
      }
    }
    if (plain.length > 0) {
      result.throttleRows += await deleteStaleCounters(db, stale, plain);
    }
    await recordRefusalSummaries(db, summaries);
    result.summaries += summaries.length;
    if (batch.length < batchSize) break;
  }

  result.nonces = await deleteExpiredPendingLoginNonces(db, now);
  return result;
}
