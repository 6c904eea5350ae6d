import 'server-only';
import { env } from '@/lib/env';
import { createDbClient, type Db } from './client';

// One client per process; reuse across hot reloads in development.
const globalForDb = globalThis as unknown as { strongroomDb?: Db };

export const db: Db = (globalForDb.strongroomDb ??= createDbClient(env.DATABASE_URL));
export type { Db };
