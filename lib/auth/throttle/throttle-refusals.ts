// Refused sign-in attempts reach the audit log as one event per lock (account)
// or per window (address), with a count — never one row per refused attempt, so
// a flood cannot grow the log (docs/decisions/018-decaying-bounded-throttle.md).
// Framework-free: the guard and the purge both call it.
import { recordAccountRefusals, recordAddressRefusals, type ThrottleDb } from '../../dal/throttle';
import { ACCOUNT_KEY_PREFIXES, type RefusalSummary } from './throttle';
import { IP_KEY_PREFIX } from './throttle-address';

export async function recordRefusalSummaries(db: ThrottleDb, summaries: readonly RefusalSummary[]): Promise<void> {
  for (const { key, refused } of summaries) {
    const accountPrefix = ACCOUNT_KEY_PREFIXES.find((prefix) => key.startsWith(prefix));
    if (accountPrefix) await recordAccountRefusals(db, key.slice(accountPrefix.length), refused);
    else if (key.startsWith(IP_KEY_PREFIX)) await recordAddressRefusals(db, key.slice(IP_KEY_PREFIX.length), refused);
  }
}
