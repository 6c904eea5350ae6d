// Requirements 6 and 7: the engine speaks the CLI's protocol and handles each
// known gap between the Wasm engine / driver adapters and the native engine.
// These talk JSON-RPC to prisma/engine/schema-engine.mjs directly, as the CLI
// does. "Canary" tests pin the upstream behaviour a workaround exists for: when
// one fails after a Prisma upgrade, the workaround may no longer be needed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { committedMigrations } from '../../scripts/lib/database.ts';
import {
  createPostgresDatabase,
  engineSession,
  migrationsDir,
  migrationsList,
  noFilters,
  noPostgresReason,
  postgresAdminUrl,
  prisma,
  sqliteTables,
  tempDir,
  withPg,
  writeSchemaFile,
  type Provider,
} from './testing.ts';

const TIMEOUT = 120_000;
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const schemaFile = (provider: Provider, transform?: (text: string) => string) => writeSchemaFile(dir, provider, transform);
const schemaParam = (file: string) => ({ files: [{ path: file, content: fs.readFileSync(file, 'utf8') }] });
const engineArgs = (schema: string | undefined, url: string) => [...(schema ? ['--datamodels', schema] : []), '--datasource', JSON.stringify({ url })];
const addColumn = (t: string) => t.replace(/^(\s+name\s+String)$/m, '$1\n  nickname          String?');

describe('protocol', () => {
  it('--version answers like the native engine, without loading the Wasm module', async () => {
    const session = engineSession(['--version']);
    const { code } = await session.exited;
    expect(code).toBe(0);
    expect(session.stdoutLines).toEqual([expect.stringMatching(/^schema-engine-cli [0-9a-f]{40}$/)]);
  });

  it('stdout carries only JSON-RPC; logs go to stderr as JSON lines; void results are {}', { timeout: TIMEOUT }, async () => {
    const file = path.join(dir, 'protocol.db');
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${file}`));
    const applied = await session.request('applyMigrations', { migrationsList: migrationsList(migrationsDir('sqlite')), filters: noFilters });
    expect(applied.result).toEqual({ appliedMigrationNames: committedMigrations('sqlite') });
    const unknown = await session.request('noSuchMethod', {});
    expect(unknown.error?.data?.message).toContain('Unknown or unsupported schema engine method: noSuchMethod');
    const reset = await session.request('reset', { filter: noFilters });
    expect(reset).toMatchObject({ result: {} }); // without `result` the CLI would wait forever
    expect((await session.stop()).code).toBe(0);
    for (const line of session.stdoutLines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    for (const line of session.stderr().trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it('one-shot can-connect-to-database: P1003 for a missing SQLite file, on stderr as the CLI parses it', async () => {
    const session = engineSession(['--datasource', JSON.stringify({ url: `file:${path.join(dir, 'missing.db')}` }), 'cli', 'can-connect-to-database']);
    const { code } = await session.exited;
    expect(code).toBe(1);
    const lines = session.stderr().trim().split('\n').map((l) => JSON.parse(l));
    // The CLI drops the first line and looks for an ERROR from schema_engine::logger with error_code.
    expect(lines.slice(1)).toContainEqual(
      expect.objectContaining({ level: 'ERROR', target: 'schema_engine::logger', fields: expect.objectContaining({ error_code: 'P1003' }) }),
    );
  });

  it('SIGTERM closes the SQLite connection (the file is writable at once afterwards)', { timeout: TIMEOUT }, async () => {
    const file = path.join(dir, 'sigterm.db');
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${file}`));
    // applyMigrations takes SQLite's exclusive lock (locking_mode=EXCLUSIVE) and keeps it.
    expect((await session.request('applyMigrations', { migrationsList: migrationsList(migrationsDir('sqlite')), filters: noFilters })).result).toBeDefined();
    expect((await session.stop()).code).toBe(0);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { timeout: 0 });
    db.exec('CREATE TABLE "AfterEngine" ("id" INTEGER)');
    db.close();
  });
});

describe('SQLite pitfalls', () => {
  it('diagnoseMigrationHistory on a never-migrated database (Wasm: P1014) reports the migrations as pending', { timeout: TIMEOUT }, async () => {
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${path.join(dir, 'diagnose.db')}`));
    const response = await session.request('diagnoseMigrationHistory', { migrationsList: migrationsList(migrationsDir('sqlite')), optInToShadowDatabase: false, filters: noFilters });
    expect(response.result).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: false,
      history: { diagnostic: 'databaseIsBehind', unappliedMigrationNames: committedMigrations('sqlite') },
    });
    await session.stop();
  });

  it('devDiagnostic on an empty database (Wasm: P1014) says createMigration', { timeout: TIMEOUT }, async () => {
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${path.join(dir, 'dev-diagnostic.db')}`));
    const response = await session.request('devDiagnostic', { migrationsList: migrationsList(migrationsDir('sqlite')), filters: noFilters });
    expect(response.result).toEqual({ action: { tag: 'createMigration' } });
    await session.stop();
  });

  it('devDiagnostic on a database with tables but no migration history (db push) asks for a reset', { timeout: TIMEOUT }, async () => {
    const file = path.join(dir, 'pushed.db');
    expect((await prisma(['db', 'push', '--schema', schemaFile('sqlite')], `file:${file}`)).status).toBe(0);
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${file}`));
    const response = await session.request('devDiagnostic', { migrationsList: migrationsList(migrationsDir('sqlite')), filters: noFilters });
    expect(response.result).toEqual({ action: { tag: 'reset', reason: expect.stringContaining('no migration history') } });
    await session.stop();
  });

  it('createMigration without an external shadow database (diff from the migrations folder)', { timeout: TIMEOUT }, async () => {
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${path.join(dir, 'create.db')}`));
    const list = migrationsList(migrationsDir('sqlite'));
    const unchanged = await session.request('createMigration', { draft: false, migrationName: 'none', migrationsList: list, schema: schemaParam(schemaFile('sqlite')), filters: noFilters });
    expect(unchanged.result).toMatchObject({ migrationScript: null, connectorType: 'sqlite', extension: 'sql' });
    const changed = await session.request('createMigration', { draft: false, migrationName: 'add', migrationsList: list, schema: schemaParam(schemaFile('sqlite', addColumn)), filters: noFilters });
    expect(changed.result).toMatchObject({ connectorType: 'sqlite', generatedMigrationName: expect.stringMatching(/^\d{14}_add$/) });
    expect((changed.result as { migrationScript: string }).migrationScript).toContain('ADD COLUMN "nickname" TEXT');
    const wrongLock = await session.request('createMigration', {
      draft: false,
      migrationName: 'x',
      migrationsList: { ...list, lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"' } },
      schema: schemaParam(schemaFile('sqlite')),
      filters: noFilters,
    });
    expect(wrongLock.error?.data).toMatchObject({ error_code: 'P3019' });
    await session.stop();
  });

  it('a first migration without migration_lock.toml can still be diffed and created', { timeout: TIMEOUT }, async () => {
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${path.join(dir, 'nolock.db')}`));
    const empty = { baseDir: path.join(dir, 'no-migrations'), lockfile: { path: 'migration_lock.toml', content: null }, shadowDbInitScript: '', migrationDirectories: [] };
    const created = await session.request('createMigration', { draft: false, migrationName: 'init', migrationsList: empty, schema: schemaParam(schemaFile('sqlite')), filters: noFilters });
    expect((created.result as { migrationScript: string }).migrationScript).toContain('CREATE TABLE "User"');
    await session.stop();
  });

  it('replaying migrations on the shadow database sends multi-statement SQL through executeRaw, which works', { timeout: TIMEOUT }, async () => {
    // The shadow replay of a migration is one executeRaw call with the whole script.
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${path.join(dir, 'shadow.db')}`));
    const response = await session.request('diff', {
      from: { tag: 'migrations', ...migrationsList(migrationsDir('sqlite')) },
      to: { tag: 'schemaDatamodel', ...schemaParam(schemaFile('sqlite')) },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    expect(response.result).toEqual({ exitCode: 0 });
    expect(session.printed).toEqual(['-- This is an empty migration.']);
    await session.stop();
    expect(fs.existsSync(path.join(dir, 'shadow.db'))).toBe(false); // the main database was never opened
  });

  it('diff without --datamodels (Wasm: panics) works, and prints through the CLI', { timeout: TIMEOUT }, async () => {
    const session = engineSession(engineArgs(undefined, `file:${path.join(dir, 'nodatamodels.db')}`));
    const response = await session.request('diff', {
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', ...schemaParam(schemaFile('sqlite')) },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    expect(response.result).toEqual({ exitCode: 2 });
    expect(session.printed[0]).toContain('CREATE TABLE "User"');
    const fromMigrations = await session.request('diff', { from: { tag: 'migrations', ...migrationsList(migrationsDir('sqlite')) }, to: { tag: 'empty' }, script: true, exitCode: null, filters: noFilters });
    expect(fromMigrations.result).toEqual({ exitCode: 0 });
    expect(session.printed[1]).toContain('DROP TABLE "User"');
    await session.stop();
  });

  it('reset deletes the file (Wasm: deletes rows, or fails), and the engine keeps working', { timeout: TIMEOUT }, async () => {
    const file = path.join(dir, 'reset.db');
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${file}`));
    const list = migrationsList(migrationsDir('sqlite'));
    await session.request('applyMigrations', { migrationsList: list, filters: noFilters });
    expect(await session.request('reset', { filter: noFilters })).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
    expect(fs.existsSync(file)).toBe(false);
    expect((await session.request('applyMigrations', { migrationsList: list, filters: noFilters })).result).toEqual({ appliedMigrationNames: committedMigrations('sqlite') });
    await session.stop();
    expect(await sqliteTables(file)).toContain('User');
  });

  it('evaluateDataLoss reports destructive steps without changing the database', { timeout: TIMEOUT }, async () => {
    const file = path.join(dir, 'dataloss.db');
    const { default: Database } = await import('better-sqlite3');
    const withColumn = schemaFile('sqlite', addColumn);
    // A database at "model + nickname", with data in nickname; the target drops it.
    expect((await prisma(['db', 'push', '--schema', withColumn], `file:${file}`)).status).toBe(0);
    const db = new Database(file);
    db.exec(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt", "nickname") VALUES ('u', 'e', 'n', 'h', 0, 'x')`);
    db.close();
    fs.mkdirSync(path.join(dir, 'dl-migrations', '0001_all'), { recursive: true });
    const pushed = await prisma(['migrate', 'diff', '--from-empty', '--to-schema', withColumn, '--script', '-o', path.join(dir, 'dl-migrations', '0001_all', 'migration.sql')], `file:${file}`);
    expect(pushed.status, pushed.output).toBe(0);
    const session = engineSession(engineArgs(schemaFile('sqlite'), `file:${file}`));
    const response = await session.request('evaluateDataLoss', { migrationsList: migrationsList(path.join(dir, 'dl-migrations')), schema: schemaParam(schemaFile('sqlite')), filters: noFilters });
    expect(response.result).toMatchObject({
      migrationSteps: expect.any(Number),
      unexecutableSteps: [],
      warnings: [{ message: expect.stringContaining('You are about to drop the column `nickname`'), stepIndex: 0 }],
    });
    await session.stop();
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT "nickname" FROM "User"').all()).toEqual([{ nickname: 'x' }]);
    after.close();
  });

  it('canary: @prisma/adapter-better-sqlite3 still rejects multi-statement executeRaw', async () => {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    const adapter = await new PrismaBetterSqlite3({ url: ':memory:' }).connect();
    await expect(adapter.executeRaw({ sql: 'CREATE TABLE a (x); CREATE TABLE b (y);', args: [], argTypes: [] })).rejects.toThrow(/more than one statement/);
    await adapter.dispose();
  });
});

describe.skipIf(!postgresAdminUrl)(`PostgreSQL pitfalls${postgresAdminUrl ? '' : ` (${noPostgresReason})`}`, () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  const migratedDatabase = async () => {
    const db = await createPostgresDatabase(postgresAdminUrl!);
    drops.push(db.drop);
    expect((await prisma(['migrate', 'deploy'], db.url)).status).toBe(0);
    return db;
  };
  const shadowDatabases = () =>
    withPg(postgresAdminUrl!, async (c) => (await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'")).rows);

  it('the shadow replay runs in its own database, which is dropped afterwards', { timeout: TIMEOUT }, async () => {
    // On the main database (already migrated) replaying 0001_init would fail: "relation already exists".
    const db = await migratedDatabase();
    const session = engineSession(engineArgs(schemaFile('postgresql'), db.url));
    const response = await session.request('diff', {
      from: { tag: 'migrations', ...migrationsList(migrationsDir('postgresql')) },
      to: { tag: 'schemaDatamodel', ...schemaParam(schemaFile('postgresql')) },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    expect(response.result).toEqual({ exitCode: 0 });
    await session.stop();
    // Other test files on this server make shadow databases of their own for a
    // moment; a leaked one would never go away.
    await expect.poll(shadowDatabases, { timeout: 60_000, interval: 500 }).toEqual([]);
  });

  it('introspection reads the internal "char" type (diff from the live database, db pull)', { timeout: TIMEOUT }, async () => {
    const db = await migratedDatabase();
    const diff = await prisma(['migrate', 'diff', '--from-config-datasource', '--to-schema', schemaFile('postgresql'), '--exit-code'], db.url);
    expect(diff.status, diff.output).toBe(0);
    const pull = await prisma(['db', 'pull', '--print', '--schema', schemaFile('postgresql')], db.url);
    expect(pull.status, pull.output).toBe(0);
    expect(pull.stdout).toContain('model User {');
  });

  it('SIGTERM closes every connection the engine opened', { timeout: TIMEOUT }, async () => {
    const db = await migratedDatabase();
    const session = engineSession(engineArgs(schemaFile('postgresql'), db.url));
    await session.request('diagnoseMigrationHistory', { migrationsList: migrationsList(migrationsDir('postgresql')), optInToShadowDatabase: false, filters: noFilters });
    const count = () =>
      withPg(postgresAdminUrl!, async (c) => Number((await c.query('SELECT count(*) FROM pg_stat_activity WHERE datname = $1', [db.name])).rows[0].count));
    expect(await count()).toBeGreaterThan(0);
    expect((await session.stop()).code).toBe(0);
    await expect.poll(count, { timeout: 5000 }).toBe(0);
  });

  it('canary: PrismaPg({ connectionString }) builds its shadow pool on the main database', { timeout: TIMEOUT }, async () => {
    const db = await createPostgresDatabase(postgresAdminUrl!);
    drops.push(db.drop);
    const { PrismaPg } = await import('@prisma/adapter-pg');
    // The adapter names its shadow database with a random UUID; fix it, to drop that one alone.
    const shadowUuid = '00000000-0000-4000-8000-00000000ca4a';
    const uuid = vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValueOnce(shadowUuid);
    const shadow = await new PrismaPg({ connectionString: db.url }).connectToShadowDb();
    uuid.mockRestore();
    const ours = `prisma_migrate_shadow_db_${shadowUuid}`;
    expect((await shadowDatabases()).map((row) => row.datname)).toContain(ours);
    const result = await shadow.queryRaw({ sql: 'SELECT current_database() AS name', args: [], argTypes: [] });
    expect(result.rows[0]?.[0]).toBe(db.name);
    await shadow.dispose().catch(() => {}); // tries to drop the shadow database, which may fail while connected
    // Only the one this test made: other files' migrate commands on this server have theirs in flight
    // (dropping every shadow database here once broke diff-drift.test.ts mid-run, "P1003 … does not exist").
    await withPg(postgresAdminUrl!, (c) => c.query(`DROP DATABASE IF EXISTS "${ours}" WITH (FORCE)`));
  });

  it('canary: PrismaPg cannot read the "char" type', { timeout: TIMEOUT }, async () => {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const adapter = await new PrismaPg({ connectionString: postgresAdminUrl! }).connect();
    await expect(adapter.queryRaw({ sql: 'SELECT contype FROM pg_constraint LIMIT 1', args: [], argTypes: [] })).rejects.toMatchObject({
      cause: { kind: 'UnsupportedNativeDataType', type: 'char' },
    });
    await adapter.dispose();
  });
});
