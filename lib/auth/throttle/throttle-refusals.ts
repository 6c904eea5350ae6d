// Refused sign-in attempts reach the audit log as one event per lock (account)
// or per window (address), with a count — never one row per refused attempt, so
// a flood cannot grow the log (docs/decisions/018-decaying-bounded-throttle.md).
// Framework-free: the guard and the purge both call it.
import type { Db } from '../../db/client';
import { recordAuditEvent } from '../../dal/audit';
import { ACCOUNT_KEY_PREFIXES, type RefusalSummary } from './throttle';
import { IP_KEY_PREFIX } from './throttle-address';

export async function recordRefusalSummaries(db: Db, summaries: readonly RefusalSummary[]): Promise<void> {
  for (const { key, refused } of summaries) {
    const accountPrefix = ACCOUNT_KEY_PREFIXES.find((prefix) => key.startsWith(prefix));
    if (accountPrefix) {
      const email = key.slice(accountPrefix.length);
      const user = await db.user.findUnique({ where: { email }, select: { id: true } });
      await recordAuditEvent(db, { type: 'login.refused', userId: user?.id ?? null, detail: { scope: 'account', refused } });
    } else if (key.startsWith(IP_KEY_PREFIX)) {
      const address = key.slice(IP_KEY_PREFIX.length);
      await recordAuditEvent(db, { type: 'login.refused', ipAddress: address, detail: { scope: 'address', refused } });
    }
  }
}
