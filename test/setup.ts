// Runs in the worker before each test file (vitest setupFiles), before the test
// imports anything: gives this worker a fresh copy of the migrated template and
// points DATABASE_URL at it, so app code under test uses a real database.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, inject } from 'vitest';
import { TEST_SESSION_SECRETS } from './database-info.ts';
import { databaseUrl, recreateDatabase } from './pg-admin.ts';

const info = inject('testDatabase');
// 1…maxWorkers, unique among the workers running at the same time.
const poolId = process.env.VITEST_POOL_ID ?? '1';

if (info.provider === 'sqlite') {
  const file = path.join(info.dir, `worker-${poolId}.db`);
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(info.template, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  const name = `${info.prefix}_w${poolId}`;
  await recreateDatabase(info.adminUrl, name, info.template);
  process.env.DATABASE_URL = databaseUrl(info.adminUrl, name);
}

process.env.SESSION_SECRETS ??= TEST_SESSION_SECRETS;

// Close the Prisma client test/db.ts opened, if this file used one (the lookup via
// globalThis keeps Prisma out of test files that never touch the database).
afterAll(async () => {
  await (globalThis as { disconnectTestDb?: () => Promise<void> }).disconnectTestDb?.();
});
