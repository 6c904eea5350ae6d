import 'server-only';
// The app's sign-in throttle (lib/auth/throttle, ADR 010, 018, 031) on the app's
// database: its one instance, the purge of stale rows and the refusal
// summaries. lib/auth/sign-in/guard.ts decides what happens around them.
import { db } from '../db';
import { env } from '../env';
import { createLoginThrottle, purgeThrottleRows, recordRefusalSummaries, throttleConfigFromEnv, type RefusalSummary } from '../auth/throttle';

export const loginThrottle = createLoginThrottle(db, throttleConfigFromEnv(env));

export async function purgeStaleThrottleRows(now: Date): Promise<void> {
  await purgeThrottleRows(db, loginThrottle.config, { now });
}

export function recordThrottleRefusals(summaries: readonly RefusalSummary[]): Promise<void> {
  return recordRefusalSummaries(db, summaries);
}
