// Preparing a database for the app: migrate it with the Prisma CLI (and check
// that the migrations really ran), then seed it. Used by the demo launcher, the
// e2e server and the vitest global setup, on SQLite and PostgreSQL alike.
import fs from 'node:fs';
import path from 'node:path';
import { resolveDatabase, sqliteFilePath, type DatabaseTarget } from '../../lib/config/database-url.ts';
import { CommandError, localBin, projectRoot, run, type Environment } from './process.ts';

/** Folder names of the committed migrations for a provider, oldest first. */
export function committedMigrations(provider: DatabaseTarget['provider']): string[] {
  const dir = path.join(projectRoot, 'prisma', 'migrations', provider);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

/** SQLite creates the file but not its folder. */
export function ensureSqliteDirectory(target: DatabaseTarget): void {
  if (target.provider === 'sqlite') fs.mkdirSync(path.dirname(sqliteFilePath(target.url)), { recursive: true });
}

type SqliteDb = import('better-sqlite3').Database;
type PgClient = import('pg').Client;

/**
 * One read-only look at the database before the app runs, on a connection of
 * its own (no Prisma client): `empty` when a SQLite file does not exist yet.
 */
async function readDatabase<T>(target: DatabaseTarget, empty: T, read: { sqlite: (db: SqliteDb) => T; postgresql: (client: PgClient) => Promise<T> }): Promise<T> {
  if (target.provider === 'sqlite') {
    const file = sqliteFilePath(target.url);
    if (!fs.existsSync(file)) return empty;
    const { default: Database } = await import('better-sqlite3');
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return read.sqlite(sqlite);
    } finally {
      sqlite.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return await read.postgresql(client);
  } finally {
    await client.end();
  }
}

const FINISHED_MIGRATIONS = 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

/** Names of the migrations recorded as finished in the database's _prisma_migrations table. */
export function appliedMigrations(target: DatabaseTarget): Promise<string[]> {
  return readDatabase(target, [], {
    sqlite: (db) => {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get()) return [];
      return (db.prepare(FINISHED_MIGRATIONS).all() as { migration_name: string }[]).map((row) => row.migration_name);
    },
    postgresql: async (client) => {
      const table = await client.query("SELECT to_regclass('_prisma_migrations') AS name");
      if (!table.rows[0]?.name) return [];
      return (await client.query<{ migration_name: string }>(FINISHED_MIGRATIONS)).rows.map((row) => row.migration_name);
    },
  });
}

/** Committed migrations the database does not record as applied: none means `migrate deploy` has nothing to do. */
export async function pendingMigrations(target: DatabaseTarget): Promise<string[]> {
  const applied = new Set(await appliedMigrations(target));
  return committedMigrations(target.provider).filter((name) => !applied.has(name));
}

/** How many of these e-mail addresses have a user (0 on a database without a User table). */
export function usersWithEmail(target: DatabaseTarget, emails: readonly string[]): Promise<number> {
  return readDatabase(target, 0, {
    sqlite: (db) => {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'User'").get()) return 0;
      return (db.prepare(`SELECT count(*) AS n FROM "User" WHERE email IN (${emails.map(() => '?').join(', ')})`).get(...emails) as { n: number }).n;
    },
    postgresql: async (client) => {
      const table = await client.query(`SELECT to_regclass('"User"') AS name`);
      if (!table.rows[0]?.name) return 0;
      return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "User" WHERE email = ANY($1)', [emails])).rows[0]?.n ?? 0;
    },
  });
}

export type MigrateOptions = { env?: Environment; quiet?: boolean };

/**
 * `prisma migrate deploy` against `databaseUrl`, then a check that every committed
 * migration is recorded as applied: a missing or broken schema engine can make the
 * CLI exit 0 having done nothing, and that must not pass as success.
 * Resolves to the number of committed migrations (0 means there is no schema yet).
 */
export async function migrateDeploy(databaseUrl: string | undefined, options: MigrateOptions = {}): Promise<number> {
  const target = resolveDatabase(databaseUrl);
  ensureSqliteDirectory(target);
  const env = { ...(options.env ?? process.env), DATABASE_URL: target.url };
  const status = await run(localBin('prisma'), ['migrate', 'deploy'], { env, quiet: options.quiet });
  if (status !== 0) throw new CommandError(`Applying database migrations failed (\`prisma migrate deploy\` exited with ${status}).`);

  const expected = committedMigrations(target.provider);
  const applied = new Set(await appliedMigrations(target));
  const missing = expected.filter((name) => !applied.has(name));
  if (missing.length > 0) {
    throw new CommandError(
      `\`prisma migrate deploy\` exited 0 but ${missing.length} of ${expected.length} migrations are not applied ` +
        `(first: ${missing[0]}). The Prisma schema engine did not run — see prisma/engine/.`,
    );
  }
  return expected.length;
}

export const seedScript = path.join(projectRoot, 'prisma', 'seed.ts');

/** Runs the idempotent seed (`tsx prisma/seed.ts`) against `databaseUrl`. Returns false if there is no seed yet. */
export async function seed(databaseUrl: string | undefined, options: MigrateOptions = {}): Promise<boolean> {
  if (!fs.existsSync(seedScript)) return false;
  const target = resolveDatabase(databaseUrl);
  const env = { ...(options.env ?? process.env), DATABASE_URL: target.url };
  const status = await run(localBin('tsx'), [seedScript], { env, quiet: options.quiet });
  if (status !== 0) throw new CommandError(`Seeding the database failed (\`tsx prisma/seed.ts\` exited with ${status}).`);
  return true;
}
