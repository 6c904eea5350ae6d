// The worker's test database (prepared by test/setup.ts), as a Prisma client.
//
//   import { getTestDb, resetTestDb } from '@/test/db';
//   beforeEach(resetTestDb);
//   const db = getTestDb();
import { createDbClient, type Db } from '../lib/db/client.ts';
import { resolveDatabase } from '../lib/config/database-url.ts';

let client: Db | undefined;
let tables: string[] | undefined;

function workerDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is unset: test/setup.ts did not run (is this file outside vitest?)');
  return url;
}

/** One Prisma client per test file, on this worker's own database. */
export function getTestDb(): Db {
  if (!client) {
    client = createDbClient(workerDatabaseUrl());
    (globalThis as { disconnectTestDb?: () => Promise<void> }).disconnectTestDb = disconnectTestDb; // test/setup.ts calls it afterAll
  }
  return client;
}

async function listTables(db: Db, provider: 'sqlite' | 'postgresql'): Promise<string[]> {
  const rows =
    provider === 'sqlite'
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'",
        );
  return rows.map((row) => row.name);
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** Deletes every row of every table (the schema and migration history stay). */
export async function resetTestDb(): Promise<void> {
  const db = getTestDb();
  const { provider } = resolveDatabase(workerDatabaseUrl());
  tables ??= await listTables(db, provider);
  if (tables.length === 0) return;
  if (provider === 'postgresql') {
    await db.$executeRawUnsafe(`TRUNCATE TABLE ${tables.map(quote).join(', ')} RESTART IDENTITY CASCADE`);
    return;
  }
  // Foreign keys are checked at commit, when every table is already empty.
  await db.$transaction([
    db.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON'),
    ...tables.map((table) => db.$executeRawUnsafe(`DELETE FROM ${quote(table)}`)),
  ]);
}

export async function disconnectTestDb(): Promise<void> {
  const current = client;
  client = undefined;
  tables = undefined;
  await current?.$disconnect();
}
