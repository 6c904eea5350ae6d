// Requirements 1 and 2: `prisma migrate deploy` applies the committed migrations
// to a fresh database, and `prisma migrate status` tells pending from up to date.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  migrationsDir,
  modelTables,
  noPostgresReason,
  pgTables,
  postgresAdminUrl,
  prisma,
  sqliteTables,
  tempDir,
} from './testing.ts';

const TIMEOUT = 180_000;
const committed = (provider: 'sqlite' | 'postgresql') =>
  fs.readdirSync(migrationsDir(provider)).filter((name) => fs.existsSync(path.join(migrationsDir(provider), name, 'migration.sql')));

describe('SQLite: migrate deploy and status', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('deploy creates the database file and every table of the model', { timeout: TIMEOUT }, async () => {
    const file = path.join(dir, 'nested', 'fresh.db'); // the folder does not exist either
    const deploy = await prisma(['migrate', 'deploy'], `file:${file}`);
    expect(deploy.status, deploy.output).toBe(0);
    expect(deploy.stdout).toContain('All migrations have been successfully applied.');
    expect(await sqliteTables(file)).toEqual(expect.arrayContaining([...modelTables, '_prisma_migrations']));
  });

  it('status: missing database is an error, pending migrations exit 1, then up to date', { timeout: TIMEOUT }, async () => {
    const file = path.join(dir, 'status.db');
    const url = `file:${file}`;

    const missing = await prisma(['migrate', 'status'], url);
    expect(missing.status).not.toBe(0);
    expect(missing.output).toMatch(/P1003.*does not exist/);

    const { default: Database } = await import('better-sqlite3');
    new Database(file).close(); // an empty database, never migrated
    const pending = await prisma(['migrate', 'status'], url);
    expect(pending.status, pending.output).toBe(1);
    expect(pending.output).toContain('have not yet been applied');
    for (const name of committed('sqlite')) expect(pending.output).toContain(name);

    expect((await prisma(['migrate', 'deploy'], url)).status).toBe(0);
    const upToDate = await prisma(['migrate', 'status'], url);
    expect(upToDate.status, upToDate.output).toBe(0);
    expect(upToDate.stdout).toContain('Database schema is up to date!');

    const again = await prisma(['migrate', 'deploy'], url);
    expect(again.status, again.output).toBe(0);
    expect(again.stdout).toContain('No pending migrations to apply.');
  });
});

describe.skipIf(!postgresAdminUrl)(`PostgreSQL 15: migrate deploy and status${postgresAdminUrl ? '' : ` (${noPostgresReason})`}`, () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('deploy creates a missing database and every table of the model', { timeout: TIMEOUT }, async () => {
    const db = await createPostgresDatabase(postgresAdminUrl!);
    drops.push(db.drop);
    await db.drop(); // make it missing: the CLI must create it (can-connect → P1003 → create-database)
    const deploy = await prisma(['migrate', 'deploy'], db.url);
    expect(deploy.status, deploy.output).toBe(0);
    expect(deploy.stdout).toContain(`PostgreSQL database ${db.name} created`);
    expect(await pgTables(db.url)).toEqual(expect.arrayContaining([...modelTables, '_prisma_migrations']));
  });

  it('status: pending migrations exit 1, up to date after deploy', { timeout: TIMEOUT }, async () => {
    const db = await createPostgresDatabase(postgresAdminUrl!);
    drops.push(db.drop);
    const pending = await prisma(['migrate', 'status'], db.url);
    expect(pending.status, pending.output).toBe(1);
    expect(pending.output).toContain('have not yet been applied');
    for (const name of committed('postgresql')) expect(pending.output).toContain(name);

    expect((await prisma(['migrate', 'deploy'], db.url)).status).toBe(0);
    const upToDate = await prisma(['migrate', 'status'], db.url);
    expect(upToDate.status, upToDate.output).toBe(0);
    expect(upToDate.stdout).toContain('Database schema is up to date!');
  });
});
