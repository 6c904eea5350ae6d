// Deletes sessions that can never be used again — revoked, idle-expired or past
// their absolute limit — once they are older than the retention window (kept
// that long so the security centre and investigations can still see them).
import type { Db } from '../db/client';
import type { SessionPolicy } from './policy';

export async function purgeSessions(
  db: Db,
  policy: SessionPolicy,
  options: { now?: Date; batchSize?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const cutoff = (ms: number) => new Date(now.getTime() - ms - policy.retentionMs);
  const where = {
    OR: [
      { revokedAt: { lt: cutoff(0) } },
      { lastSeenAt: { lt: cutoff(policy.idleTimeoutMs) } },
      { createdAt: { lt: cutoff(policy.absoluteTimeoutMs) } },
    ],
  };
  let total = 0;
  // Small batches keep each write transaction short on a live database.
  for (;;) {
    const batch = await db.session.findMany({ where, select: { id: true }, take: batchSize });
    if (batch.length === 0) return total;
    const { count } = await db.session.deleteMany({ where: { id: { in: batch.map((s) => s.id) } } });
    total += count;
  }
}

/** Runs purgeSessions in the background at most once per purge interval per process. */
export function createPurgeSweeper(db: Db, policy: SessionPolicy) {
  let lastSweepAt = 0;
  return function maybeSweep(now: Date = new Date()): void {
    if (now.getTime() - lastSweepAt < policy.purgeIntervalMs) return;
    lastSweepAt = now.getTime();
    purgeSessions(db, policy, { now }).catch((error: unknown) => {
      console.error('[sessions] background purge failed:', error instanceof Error ? error.message : error);
    });
  };
}
