// One clock for the decisions instances must agree on. Grace windows are a few
// seconds wide and are written by one instance and judged by another, so the
// store reads their time from the database server, not from the instance
// (docs/decisions/016-rotation-rule.md). Only the rare path asks — confirming a
// rotated secret, rotating, judging a previous secret — so the hot path stays
// one query. Idle and absolute limits are minutes wide and use the instance's
// clock (NTP keeps fleets within milliseconds; the ADR states the tolerance).
import type { Db } from '../db/client';
import type { DatabaseProvider } from '../config/database-url';

/** The shared clock's "now"; `local` is this instance's idea of it (tests pass a fixed one). */
export type SharedClock = (local: Date) => Promise<Date>;

/** The instance's own clock: right for tests and for SQLite, whose instances share one host. */
export const localClock: SharedClock = async (local) => local;

/** PostgreSQL's clock, for a fleet of instances on one database. */
export function databaseClock(db: Db): SharedClock {
  return async () => {
    const [row] = await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    if (!row) throw new Error('the database returned no time');
    return new Date(row.now);
  };
}

export function sharedClockFor(db: Db, provider: DatabaseProvider): SharedClock {
  return provider === 'postgresql' ? databaseClock(db) : localClock;
}
