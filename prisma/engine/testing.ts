// Helpers for the offline schema engine tests: run the real Prisma CLI, make
// throwaway SQLite files, PostgreSQL databases and small projects.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const prismaCli = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js');
export const engineBin = path.join(import.meta.dirname, 'schema-engine.mjs');
export const models = path.join(projectRoot, 'prisma', 'models.prisma');
export const migrationsDir = (provider: Provider) => path.join(projectRoot, 'prisma', 'migrations', provider);

export type Provider = 'sqlite' | 'postgresql';
export type RunResult = { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; output: string };

/**
 * The admin URL of a throwaway PostgreSQL server (scripts/postgres.sh start),
 * from TEST_POSTGRES_URL, or TEST_DATABASE_URL when that is a postgres:// URL.
 */
export const postgresAdminUrl = [process.env.TEST_POSTGRES_URL, process.env.TEST_DATABASE_URL].find(
  (url) => url && /^postgres(ql)?:\/\//.test(url),
);
export const noPostgresReason = 'PostgreSQL tests skipped: set TEST_POSTGRES_URL (e.g. TEST_POSTGRES_URL=$(scripts/postgres.sh start))';

/** Environment for CLI runs: our engine (never an inherited engine override), no telemetry. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STRONGROOM_SCHEMA_ENGINE: 'wasm', CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1', NO_COLOR: '1' };
  delete env.PRISMA_SCHEMA_ENGINE_BINARY;
  delete env.PRISMA_MIGRATION_ENGINE_BINARY;
  delete env.DATABASE_URL; // the vitest worker's own database must never be the target by accident
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs a command to completion and collects its output. */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? projectRoot, env: options.env ?? cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk), (output += chunk)));
    child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk), (output += chunk)));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr, output }));
    child.stdin.end(options.input ?? '');
  });
}

/** `prisma <args>` with the real CLI, in the project root, against `databaseUrl`. */
export function prisma(args: string[], databaseUrl: string, extraEnv: Record<string, string | undefined> = {}): Promise<RunResult> {
  return run(process.execPath, [prismaCli, ...args], { env: cliEnv({ DATABASE_URL: databaseUrl, ...extraEnv }) });
}

/** A fresh directory under the OS temp dir. */
export function tempDir(prefix = 'engine-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A small Prisma project (config, schema, a copy of the committed migrations)
 * under .tmp/ in the repository, so its prisma.config.ts resolves `prisma/config`;
 * `migrate dev` may write new migrations there without touching prisma/migrations.
 */
export function tempProject(provider: Provider) {
  const base = path.join(projectRoot, '.tmp');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `engine-${provider}-`));
  const schema = path.join(dir, 'schema.prisma');
  const migrations = path.join(dir, 'migrations');
  fs.cpSync(migrationsDir(provider), migrations, { recursive: true });
  const config = path.join(dir, 'prisma.config.ts');
  fs.writeFileSync(
    config,
    `import { defineConfig } from 'prisma/config';
import { selectSchemaEngine } from '../../prisma/engine/select.ts';
selectSchemaEngine();
export default defineConfig({
  schema: ${JSON.stringify(schema)},
  migrations: { path: ${JSON.stringify(migrations)} },
  datasource: { url: process.env.DATABASE_URL! },
});
`,
  );
  const baseModels = fs.readFileSync(models, 'utf8');
  const writeModels = (text: string) => fs.writeFileSync(schema, `datasource db {\n  provider = "${provider}"\n}\n\n${text}`);
  writeModels(baseModels);
  return {
    dir,
    schema,
    migrations,
    config,
    /** Rewrites the schema from the project's model, transformed. */
    editModels: (edit: (text: string) => string) => writeModels(edit(baseModels)),
    migrationNames: () => fs.readdirSync(migrations).filter((name) => fs.statSync(path.join(migrations, name)).isDirectory()).sort(),
    prisma: (args: string[], databaseUrl: string, extraEnv: Record<string, string | undefined> = {}) =>
      prisma([...args, '--config', config], databaseUrl, extraEnv),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The model with one optional column added to User (a harmless change). */
/** A schema for `provider` in `dir`: the project's models (optionally transformed) under a datasource block. */
export function writeSchemaFile(dir: string, provider: Provider, transform: (text: string) => string = (t) => t): string {
  const file = path.join(dir, `${provider}-${Math.random().toString(36).slice(2)}.prisma`);
  fs.writeFileSync(file, `datasource db {\n  provider = "${provider}"\n}\n\n${transform(fs.readFileSync(models, 'utf8'))}`);
  return file;
}

export const addNickname = (text: string) => text.replace(/^(\s+name\s+String)$/m, '$1\n  nickname          String?');

let databaseCounter = 0;

/** A new, empty PostgreSQL database on the test server; returns its URL and a drop(). */
export async function createPostgresDatabase(adminUrl: string) {
  const { default: pg } = await import('pg');
  const name = `engine_test_${process.pid}_${Date.now().toString(36)}_${++databaseCounter}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => dropPostgresDatabase(adminUrl, name),
  };
}

export async function dropPostgresDatabase(adminUrl: string, name: string) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs `fn` with a pg client on `url`. */
export async function withPg<T>(url: string, fn: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function pgTables(url: string): Promise<string[]> {
  return withPg(url, async (c) =>
    (await c.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.tablename),
  );
}

export async function sqliteTables(file: string): Promise<string[]> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

/** Tables the model defines. */
export const modelTables = ['AuditEvent', 'BankAccount', 'ExternalIdentity', 'LoginThrottle', 'Payee', 'PendingLoginNonce', 'RecoveryCode', 'Session', 'Transaction', 'Transfer', 'User'];

/**
 * Talks JSON-RPC to the engine executable directly, as the CLI does: answers
 * the engine's `print` requests and records what it printed.
 */
export function engineSession(args: string[], env: NodeJS.ProcessEnv = cliEnv()) {
  const child = spawn(engineBin, args, { cwd: projectRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let nextId = 1;
  const waiting = new Map<number, (message: { result?: unknown; error?: { message: string; data?: { message?: string; error_code?: string; is_panic?: boolean } } }) => void>();
  const printed: string[] = [];
  const stdoutLines: string[] = [];
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      stdoutLines.push(line);
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        continue; // not JSON-RPC (--version): the test looks at stdoutLines
      }
      if (message.method === 'print') {
        printed.push(message.params.content);
        child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} }) + '\n');
      } else {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
      }
    }
  });
  return {
    child,
    printed,
    stdoutLines,
    stderr: () => stderr,
    exited,
    /** Sends a request; resolves to the whole response (result or error). */
    request(method: string, params?: unknown) {
      const id = nextId++;
      return new Promise<Parameters<NonNullable<ReturnType<typeof waiting.get>>>[0]>((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
      });
    },
    /** What the CLI does when done: close stdin, then SIGTERM. */
    async stop() {
      child.stdin.end();
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The migrations list the CLI sends (see `Bl()` in prisma/build/cli.js). */
export function migrationsList(dir: string) {
  const lockfile = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockfile) ? fs.readFileSync(lockfile, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .map((name) => ({
        path: name,
        migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') } },
      })),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

if (!postgresAdminUrl) console.warn(`[prisma/engine] ${noPostgresReason}`);
