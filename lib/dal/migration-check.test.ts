// /api/health's migration check on real SQLite files: an empty database, one
// migrated part of the way, one with a failed and a rolled-back migration, and
// this worker's fully migrated test database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createDbClient, type Db } from '../db/client.ts';
import { resolveDatabase } from '../config/database-url.ts';
import { committedMigrations } from '../../scripts/lib/database.ts';
import { getTestDb } from '../../test/db.ts';
import { migrationCheck } from './migration-check.ts';

const migrations = committedMigrations('sqlite');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-migration-check-'));
const clients: Db[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
  fs.rmSync(dir, { recursive: true, force: true });
});

type Recorded = { name: string; finished?: boolean; rolledBack?: boolean };

/** A SQLite file with the first `applied` migrations run and recorded the way `prisma migrate deploy` records them. */
function sqliteDatabase(name: string, recorded: Recorded[] | null): Db {
  const file = path.join(dir, `${name}.db`);
  const sqlite = new Database(file);
  if (recorded) {
    sqlite.exec(`CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const insert = sqlite.prepare('INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, rolled_back_at) VALUES (?, ?, ?, ?, ?)');
    for (const [index, migration] of recorded.entries()) {
      if (migration.finished !== false) sqlite.exec(fs.readFileSync(path.join('prisma', 'migrations', 'sqlite', migration.name, 'migration.sql'), 'utf8'));
      const now = new Date().toISOString();
      insert.run(String(index), 'checksum', migration.finished === false ? null : now, migration.name, migration.rolledBack ? now : null);
    }
  }
  sqlite.close();
  const client = createDbClient(`file:${file}`);
  clients.push(client);
  return client;
}

describe('migrationCheck (what /api/health reports as not-ready)', () => {
  it('an empty database (never migrated) lacks every migration', async () => {
    const check = migrationCheck({ db: sqliteDatabase('empty', null), provider: 'sqlite', expected: migrations });
    expect(await check.pending()).toEqual(migrations);
  });

  it('a database migrated part of the way lacks the later migrations', async () => {
    const db = sqliteDatabase('partial', migrations.slice(0, 3).map((name) => ({ name })));
    const check = migrationCheck({ db, provider: 'sqlite', expected: migrations });
    expect(await check.pending()).toEqual(migrations.slice(3));
  });

  it('a failed or rolled-back migration is not applied', async () => {
    const db = sqliteDatabase('failed', [{ name: migrations[0]! }, { name: migrations[1]!, rolledBack: true }, { name: migrations[2]!, finished: false }]);
    const check = migrationCheck({ db, provider: 'sqlite', expected: migrations.slice(0, 3) });
    expect(await check.pending()).toEqual(migrations.slice(1, 3));
  });

  it("this worker's migrated test database lacks none", async () => {
    const provider = resolveDatabase(process.env.DATABASE_URL).provider;
    const check = migrationCheck({ db: getTestDb(), provider, expected: committedMigrations(provider) });
    expect(await check.pending()).toEqual([]);
  });

  it('answers from its cache within the TTL, a not-ready answer for less time than a ready one', async () => {
    let clock = 0;
    const db = sqliteDatabase('cached', migrations.slice(0, 1).map((name) => ({ name })));
    const check = migrationCheck({ db, provider: 'sqlite', expected: migrations.slice(0, 2), pendingTtlMs: 5_000, readyTtlMs: 60_000, now: () => clock });
    expect(await check.pending()).toEqual([migrations[1]]);

    // The operator runs the missing migration.
    const sqlite = new Database(path.join(dir, 'cached.db'));
    sqlite.exec(fs.readFileSync(path.join('prisma', 'migrations', 'sqlite', migrations[1]!, 'migration.sql'), 'utf8'));
    sqlite.prepare("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('x', 'c', ?, ?)").run(new Date().toISOString(), migrations[1]);
    sqlite.close();

    clock = 4_000;
    expect(await check.pending(), 'still cached').toEqual([migrations[1]]);
    clock = 5_001;
    expect(await check.pending(), 'asked again after 5 s').toEqual([]);
    clock = 60_000;
    expect(await check.pending()).toEqual([]);
  });
});
