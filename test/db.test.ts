// The per-worker test database itself (test/global-setup.ts, test/setup.ts, test/db.ts).
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveDatabase } from '../lib/config/database-url.ts';
import { committedMigrations } from '../scripts/lib/database.ts';
import { getTestDb, resetTestDb } from './db.ts';

const target = resolveDatabase(process.env.DATABASE_URL);
const hasSchema = committedMigrations(target.provider).length > 0;

describe('test database', () => {
  afterAll(resetTestDb);

  it("is this worker's own database, not the app's", () => {
    const poolId = process.env.VITEST_POOL_ID;
    if (target.provider === 'sqlite') expect(target.url).toMatch(new RegExp(`/\\.tmp/vitest/run-\\d+/worker-${poolId}\\.db$`));
    else expect(new URL(target.url).pathname).toMatch(new RegExp(`^/strongroom_test_\\d+_w${poolId}$`));
    if (target.provider === 'sqlite') expect(fs.existsSync(target.url.slice('file:'.length))).toBe(true);
  });

  it('has a test-only SESSION_SECRETS', () => {
    expect(process.env.SESSION_SECRETS).toMatch(/^1:.{32,}/);
  });

  it.skipIf(!hasSchema)('is migrated to the latest migration', async () => {
    const db = getTestDb();
    const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    expect(applied.map((row) => row.migration_name)).toEqual(committedMigrations(target.provider));
  });

  it.skipIf(!hasSchema)('resetTestDb() deletes every row, dependent rows included', async () => {
    const db = getTestDb();
    const user = await db.user.create({
      data: { email: 'reset@example.com', name: 'Reset Test', passwordHash: 'not-a-real-hash' },
    });
    await db.session.create({ data: { id: 'reset-test-session', secretHash: 'x'.repeat(64), userId: user.id } });
    expect(await db.user.count()).toBe(1);

    await resetTestDb();

    expect(await db.user.count()).toBe(0);
    expect(await db.session.count()).toBe(0);
    // The schema survives: the table can be written again.
    await db.user.create({ data: { email: 'again@example.com', name: 'Again', passwordHash: 'x' } });
    expect(await db.user.count()).toBe(1);
  });
});
