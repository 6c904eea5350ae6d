import 'server-only';
// The health check's database probe (app/api/health): is the database reachable
// (one SELECT 1, and the process's availability view updated with the answer,
// ADR 033) — and ready for this build? Reachable is not enough: on a database
// that lacks a migration the app starts, says ok, and sign-in fails with "table
// does not exist"; so the probe reports not-ready until every migration the
// build expects is recorded as applied (ADR 043).
import { databaseAvailability, databaseProvider, db, isDatabaseUnreachableError } from '../db';
import { migrationCheck } from './migration-check';

export type { MigrationCheck } from './migration-check';

// The migration folder names shipped with the build (next.config.mjs embeds them per provider).
const builtIn = JSON.parse(process.env.STRONGROOM_BUILD_MIGRATIONS ?? '{}') as Partial<Record<typeof databaseProvider, string[]>>;

const globalForHealth = globalThis as unknown as { strongroomMigrationCheck?: ReturnType<typeof migrationCheck> };

/** Names of the expected migrations the database has not applied; cached briefly per process. */
export const pendingMigrations: () => Promise<string[]> = (globalForHealth.strongroomMigrationCheck ??= migrationCheck({
  db,
  provider: databaseProvider,
  expected: builtIn[databaseProvider] ?? [],
})).pending;

export type DatabaseProbe = { ok: true; pending: string[] } | { ok: false; error: unknown };

export async function probeDatabase(): Promise<DatabaseProbe> {
  try {
    await db.$queryRaw`SELECT 1`;
    databaseAvailability.markReachable();
    return { ok: true, pending: await pendingMigrations() };
  } catch (error) {
    if (isDatabaseUnreachableError(error)) databaseAvailability.markSuspect(error);
    return { ok: false, error };
  }
}
