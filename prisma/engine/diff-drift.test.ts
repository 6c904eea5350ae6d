// Requirement 3: `prisma migrate diff` from the migrations folder to the schema
// works offline, and scripts/check-migrations.ts catches a model the migrations
// do not produce. The real model and migrations are never modified: changes go
// to copies in temp directories, handed to the check through its options.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addNickname, cliEnv, migrationsDir, models, noPostgresReason, postgresAdminUrl, prisma, projectRoot, run, tempDir, writeSchemaFile, type Provider } from './testing.ts';

const TIMEOUT = 180_000;
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const schemaFile = (provider: Provider, transform?: (text: string) => string) => writeSchemaFile(dir, provider, transform);

function modelsFile(transform: (text: string) => string): string {
  const file = path.join(dir, `models-${Math.random().toString(36).slice(2)}.prisma`);
  fs.writeFileSync(file, transform(fs.readFileSync(models, 'utf8')));
  return file;
}

const checkMigrations = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'check-migrations.ts'), ...args], { env: cliEnv() });

function cases(provider: Provider, databaseUrl: () => string) {
  const diff = (schema: string) =>
    prisma(['migrate', 'diff', '--from-migrations', migrationsDir(provider), '--to-schema', schema, '--script', '--exit-code'], databaseUrl());
  const postgresOption = provider === 'postgresql' ? ['--postgres-url', databaseUrl()] : [];

  it('migrate diff --from-migrations: the committed migrations produce the model (exit 0)', { timeout: TIMEOUT }, async () => {
    const result = await diff(schemaFile(provider));
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('-- This is an empty migration.');
  });

  it('migrate diff --from-migrations: a changed model is reported with its SQL (exit 2)', { timeout: TIMEOUT }, async () => {
    const result = await diff(schemaFile(provider, addNickname));
    expect(result.status, result.output).toBe(2);
    expect(result.stdout).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT/);
  });

  it('check-migrations passes on the real model and migrations', { timeout: TIMEOUT }, async () => {
    const result = await checkMigrations(['--provider', provider, ...postgresOption]);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain(`✔ ${provider}`);
  });

  it('check-migrations fails loudly when the model changed without a migration', { timeout: TIMEOUT }, async () => {
    const result = await checkMigrations(['--provider', provider, '--models', modelsFile(addNickname), ...postgresOption]);
    expect(result.status, result.output).toBe(1);
    expect(result.stderr).toContain(`✘ ${provider}`);
    expect(result.stderr).toMatch(/does not produce .*ADD COLUMN\s+"nickname"/s);
    expect(result.stderr).toContain('Migration drift check FAILED');
  });

  it('check-migrations fails loudly when a migration goes beyond the model', { timeout: TIMEOUT }, async () => {
    const root = path.join(dir, `migrations-${provider}-${Date.now()}`);
    fs.cpSync(migrationsDir(provider), path.join(root, provider), { recursive: true });
    const extra = path.join(root, provider, '20990101000000_extra_table');
    fs.mkdirSync(extra);
    fs.writeFileSync(path.join(extra, 'migration.sql'), 'CREATE TABLE "NotInTheModel" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
    const result = await checkMigrations(['--provider', provider, '--migrations', root, ...postgresOption]);
    expect(result.status, result.output).toBe(1);
    expect(result.stderr).toMatch(/DROP TABLE "NotInTheModel"/);
  });

  it('check-migrations fails loudly when a migration does not run', { timeout: TIMEOUT }, async () => {
    const root = path.join(dir, `broken-${provider}-${Date.now()}`);
    fs.cpSync(migrationsDir(provider), path.join(root, provider), { recursive: true });
    const broken = path.join(root, provider, '20990101000000_broken');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'migration.sql'), 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n');
    const result = await checkMigrations(['--provider', provider, '--migrations', root, ...postgresOption]);
    expect(result.status, result.output).toBe(1);
    expect(result.stderr).toContain('could not compare');
    expect(result.stderr).toMatch(/20990101000000_broken/);
    expect(result.stderr).toMatch(/NoSuchTable/);
  });
}

describe('SQLite: migrate diff and the drift check', () => {
  // Replaying migrations uses an in-memory shadow database; this file is never created.
  cases('sqlite', () => `file:${path.join(dir, 'never-created.db')}`);
  afterAll(() => expect(fs.existsSync(path.join(dir, 'never-created.db'))).toBe(false));
});

describe.skipIf(!postgresAdminUrl)(`PostgreSQL 15: migrate diff and the drift check${postgresAdminUrl ? '' : ` (${noPostgresReason})`}`, () => {
  cases('postgresql', () => postgresAdminUrl!);
});

describe('check-migrations options', () => {
  it('rejects an unknown provider', { timeout: TIMEOUT }, async () => {
    const result = await checkMigrations(['--provider', 'mysql']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown provider "mysql"');
  });

  it('rejects a migrations folder whose lock file names another provider', { timeout: TIMEOUT }, async () => {
    const root = path.join(dir, `mislocked-${Date.now()}`);
    fs.cpSync(migrationsDir('postgresql'), path.join(root, 'sqlite'), { recursive: true });
    const result = await checkMigrations(['--provider', 'sqlite', '--migrations', root]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('should say provider = "sqlite" (found "postgresql")');
  });
});
