import 'server-only';
// The health check's database probe (app/api/health): one SELECT 1, and the
// process's availability view updated with the answer (ADR 033).
import { databaseAvailability, db, isDatabaseUnreachableError } from '../db';

export type DatabaseProbe = { ok: true } | { ok: false; error: unknown };

export async function probeDatabase(): Promise<DatabaseProbe> {
  try {
    await db.$queryRaw`SELECT 1`;
    databaseAvailability.markReachable();
    return { ok: true };
  } catch (error) {
    if (isDatabaseUnreachableError(error)) databaseAvailability.markSuspect(error);
    return { ok: false, error };
  }
}
