// Requirement 4: `prisma migrate dev` creates a migration when the model changed
// and nothing otherwise, warns before destroying data, and `migrate reset
// --force` really resets (on SQLite: a new file, not just emptied tables).
// Each provider works in its own temp project (tempProject), never on prisma/migrations.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addNickname,
  createPostgresDatabase,
  migrationsDir,
  modelTables,
  noPostgresReason,
  pgTables,
  postgresAdminUrl,
  sqliteTables,
  tempProject,
  withPg,
  type Provider,
} from './testing.ts';

const TIMEOUT = 300_000; // several CLI runs per test, slow on a loaded 2-core machine

type Db = {
  url: string;
  exec(sql: string): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  tables(): Promise<string[]>;
  columns(table: string): Promise<string[]>;
};

function sqliteDb(file: string): Db {
  const open = async () => new (await import('better-sqlite3')).default(file, { timeout: 5000 });
  const withDb = async <T>(fn: (db: import('better-sqlite3').Database) => T) => {
    const db = await open();
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    url: `file:${file}`,
    exec: (sql) => withDb((db) => void db.exec(sql)),
    rows: <T>(sql: string) => withDb((db) => db.prepare(sql).all() as T[]),
    tables: () => sqliteTables(file),
    columns: (table) => withDb((db) => (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name)),
  };
}

function postgresDb(url: string): Db {
  return {
    url,
    exec: (sql) => withPg(url, async (c) => void (await c.query(sql))),
    rows: <T>(sql: string) => withPg(url, async (c) => (await c.query(sql)).rows as T[]),
    tables: () => pgTables(url),
    columns: (table) =>
      withPg(url, async (c) =>
        (await c.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_name = $1', [table])).rows.map(
          (r) => r.column_name,
        ),
      ),
  };
}

const insertUser = `INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt", "nickname") VALUES ('u1', 'a@example.com', 'A', 'h', CURRENT_TIMESTAMP, 'Nick')`;

function cases(provider: Provider, makeDb: () => Promise<Db & { cleanup(): Promise<void> }>) {
  it('migrate dev: nothing to do creates nothing; a model change creates one migration; a destructive one is refused', { timeout: TIMEOUT }, async () => {
    const project = tempProject(provider);
    const db = await makeDb();
    try {
      const committed = project.migrationNames();

      const first = await project.prisma(['migrate', 'dev', '--name', 'nothing'], db.url);
      expect(first.status, first.output).toBe(0);
      expect(project.migrationNames()).toEqual(committed);
      expect(await db.tables()).toEqual(expect.arrayContaining(modelTables));

      const again = await project.prisma(['migrate', 'dev', '--name', 'still_nothing'], db.url);
      expect(again.status, again.output).toBe(0);
      expect(again.stdout).toContain('Already in sync, no schema change or pending migration was found.');
      expect(project.migrationNames()).toEqual(committed);

      project.editModels(addNickname);
      const change = await project.prisma(['migrate', 'dev', '--name', 'add_nickname'], db.url);
      expect(change.status, change.output).toBe(0);
      const created = project.migrationNames().filter((name) => !committed.includes(name));
      expect(created).toHaveLength(1);
      expect(created[0]).toMatch(/^\d{14}_add_nickname$/);
      const sql = fs.readFileSync(path.join(project.migrations, created[0]!, 'migration.sql'), 'utf8');
      expect(sql).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT;/);
      expect(await db.columns('User')).toContain('nickname');
      expect(fs.readFileSync(path.join(project.migrations, 'migration_lock.toml'), 'utf8')).toContain(`provider = "${provider}"`);

      // Dropping a column that holds data: migrate dev must warn and, non-interactive, refuse.
      await db.exec(insertUser);
      project.editModels((t) => t);
      const destructive = await project.prisma(['migrate', 'dev', '--name', 'drop_nickname'], db.url);
      expect(destructive.status).not.toBe(0);
      expect(destructive.output).toContain('You are about to drop the column `nickname` on the `User` table, which still contains 1 non-null values.');
      expect(project.migrationNames()).toHaveLength(committed.length + 1);
      expect(await db.rows<{ nickname: string }>('SELECT "nickname" FROM "User"')).toEqual([{ nickname: 'Nick' }]);
    } finally {
      project.remove();
      await db.cleanup();
    }
  });

  it('migrate reset --force drops everything and reapplies the migrations; db push works', { timeout: TIMEOUT }, async () => {
    const project = tempProject(provider);
    const db = await makeDb();
    try {
      expect((await project.prisma(['migrate', 'deploy'], db.url)).status).toBe(0);
      await db.exec('CREATE TABLE "NotFromMigrations" ("id" INTEGER PRIMARY KEY)');
      await db.exec(`INSERT INTO "LoginThrottle" ("key", "updatedAt") VALUES ('ip:1', CURRENT_TIMESTAMP)`);

      const reset = await project.prisma(['migrate', 'reset', '--force'], db.url);
      expect(reset.status, reset.output).toBe(0);
      expect(reset.stdout).toContain('Database reset successful');
      const tables = await db.tables();
      expect(tables).not.toContain('NotFromMigrations');
      expect(tables).toEqual(expect.arrayContaining([...modelTables, '_prisma_migrations']));
      expect(await db.rows('SELECT * FROM "LoginThrottle"')).toEqual([]);
      const applied = await db.rows<{ migration_name: string }>('SELECT "migration_name" FROM "_prisma_migrations" ORDER BY 1');
      expect(applied.map((r) => r.migration_name)).toEqual(project.migrationNames());

      project.editModels(addNickname);
      const push = await project.prisma(['db', 'push'], db.url);
      expect(push.status, push.output).toBe(0);
      expect(push.stdout).toContain('Your database is now in sync with your Prisma schema');
      expect(await db.columns('User')).toContain('nickname');
    } finally {
      project.remove();
      await db.cleanup();
    }
  });
}

describe('SQLite: migrate dev, reset, db push', () => {
  cases('sqlite', async () => {
    const dir = fs.mkdtempSync(path.join(migrationsDir('sqlite'), '..', '..', '..', '.tmp', 'engine-db-'));
    return { ...sqliteDb(path.join(dir, 'dev.db')), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  });

  it('reset deletes the SQLite file rather than emptying it', { timeout: TIMEOUT }, async () => {
    const project = tempProject('sqlite');
    const db = sqliteDb(path.join(project.dir, 'reset.db'));
    try {
      expect((await project.prisma(['migrate', 'deploy'], db.url)).status).toBe(0);
      // user_version lives in the file header: emptying tables keeps it, a new file starts at 0.
      await db.exec('PRAGMA user_version = 42');
      const reset = await project.prisma(['migrate', 'reset', '--force'], db.url);
      expect(reset.status, reset.output).toBe(0);
      expect(await db.rows('PRAGMA user_version')).toEqual([{ user_version: 0 }]);
    } finally {
      project.remove();
    }
  });
});

describe.skipIf(!postgresAdminUrl)(`PostgreSQL 15: migrate dev, reset, db push${postgresAdminUrl ? '' : ` (${noPostgresReason})`}`, () => {
  cases('postgresql', async () => {
    const created = await createPostgresDatabase(postgresAdminUrl!);
    return { ...postgresDb(created.url), cleanup: created.drop };
  });

  it('leaves no shadow databases behind', { timeout: TIMEOUT }, async () => {
    const leftovers = await withPg(postgresAdminUrl!, async (c) =>
      (await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'")).rows,
    );
    expect(leftovers).toEqual([]);
  });
});
