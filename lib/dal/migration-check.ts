// The migration check behind /api/health (lib/dal/health.ts), framework-free so it
// runs against any client: which of the expected migrations the database's
// _prisma_migrations table does not record as finished (and not rolled back).
// A health probe is hit every few seconds by every load balancer, so the answer
// is cached: a ready database for a minute (migrations are not un-applied), a
// not-ready one for a few seconds (so `npm run db:migrate` shows up quickly).
import type { Db } from '../db/client';

export type MigrationCheckOptions = {
  db: Pick<Db, '$queryRaw'>;
  provider: 'sqlite' | 'postgresql';
  /** The migration folder names this build was made with. */
  expected: readonly string[];
  readyTtlMs?: number;
  pendingTtlMs?: number;
  now?: () => number;
};

export type MigrationCheck = { pending: () => Promise<string[]> };

export function migrationCheck({ db, provider, expected, readyTtlMs = 60_000, pendingTtlMs = 5_000, now = Date.now }: MigrationCheckOptions): MigrationCheck {
  let cached: { pending: string[]; until: number } | undefined;

  async function query(): Promise<string[]> {
    const table =
      provider === 'sqlite'
        ? await db.$queryRaw<{ name: string | null }[]>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`
        : await db.$queryRaw<{ name: string | null }[]>`SELECT to_regclass('_prisma_migrations')::text AS name`;
    if (!table[0]?.name) return [...expected];
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((row) => row.migration_name));
    return expected.filter((name) => !applied.has(name));
  }

  return {
    async pending() {
      if (cached && now() < cached.until) return cached.pending;
      const pending = await query(); // an unreachable database throws: never cached
      cached = { pending, until: now() + (pending.length === 0 ? readyTtlMs : pendingTtlMs) };
      return pending;
    },
  };
}
