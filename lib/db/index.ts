import 'server-only';
import { env } from '@/lib/env';
import { createAvailabilityMonitor, type AvailabilityMonitor } from './availability';
import { createDbClient, type Db } from './client';
import { resolveDatabase } from '../config/database-url';

export { isDatabaseUnreachableError } from './availability';

// One client and one availability view per process, on globalThis: middleware
// and the app are bundled separately and must share both (and hot reloads in
// development reuse them).
const globalForDb = globalThis as unknown as { strongroomDb?: Db; strongroomDbAvailability?: AvailabilityMonitor };

export const databaseAvailability: AvailabilityMonitor = (globalForDb.strongroomDbAvailability ??= createAvailabilityMonitor({
  probe: () => db.$queryRaw`SELECT 1`,
}));

export const db: Db = (globalForDb.strongroomDb ??= createDbClient(env.DATABASE_URL, {
  onConnectionLost: (error) => databaseAvailability.markSuspect(error),
}));
export type { Db };

/** Which SQL dialect `db` speaks: for the few raw statements written per provider. */
export const databaseProvider = resolveDatabase(env.DATABASE_URL).provider;
