// Migration drift check: for each provider, replaying prisma/migrations/<provider>
// must produce exactly the data model in prisma/models.prisma. Uses the real
// Prisma CLI (`migrate diff --from-migrations … --to-schema … --exit-code`),
// so it also proves the schema engine works. Exits 1 on drift or error.
//
//   tsx scripts/check-migrations.ts [--models FILE] [--migrations DIR] [--provider sqlite|postgresql]...
//                                   [--postgres-url URL]
//
// --migrations DIR holds one folder per provider (default prisma/migrations).
// PostgreSQL needs a server to replay the migrations on (a throwaway shadow
// database is created and dropped there): --postgres-url, else TEST_POSTGRES_URL,
// else TEST_DATABASE_URL if it is a postgres:// URL, else scripts/postgres.sh
// starts one (and stops it afterwards).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

type Provider = 'sqlite' | 'postgresql';
const providers: Provider[] = ['sqlite', 'postgresql'];
const root = path.resolve(import.meta.dirname, '..');
const prismaCli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');

export type CheckResult = { provider: Provider; ok: boolean; message: string };

function fail(message: string): never {
  console.error(`check-migrations: ${message}`);
  process.exit(1);
}

/** The provider's schema, built as prisma/variants.ts does; only the datasource block matters here. */
function renderSchema(provider: Provider, modelsFile: string, dir: string): string {
  const file = path.join(dir, `${provider}.prisma`);
  fs.writeFileSync(file, `datasource db {\n  provider = "${provider}"\n}\n\n${fs.readFileSync(modelsFile, 'utf8')}`);
  return file;
}

function lockedProvider(migrationsDir: string): string | undefined {
  const lock = path.join(migrationsDir, 'migration_lock.toml');
  if (!fs.existsSync(lock)) return undefined;
  return /provider\s*=\s*"([^"]+)"/.exec(fs.readFileSync(lock, 'utf8'))?.[1];
}

/** A path as the user would type it: relative inside the project, absolute outside. */
const shown = (file: string) => (file.startsWith(root + path.sep) ? path.relative(root, file) : file);

/** Runs a command to completion, collecting its output. */
function capture(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ status: number | null; signal: NodeJS.Signals | null; output: string; error?: Error }>((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', (error) => resolve({ status: null, signal: null, output, error }));
    child.on('close', (status, signal) => resolve({ status, signal, output }));
  });
}

export async function checkProvider(
  provider: Provider,
  opts: { modelsFile: string; migrationsRoot: string; databaseUrl: string; workDir: string },
): Promise<CheckResult> {
  const migrationsDir = path.join(opts.migrationsRoot, provider);
  const dir = shown(migrationsDir);
  const model = shown(opts.modelsFile);
  if (!fs.existsSync(migrationsDir)) return { provider, ok: false, message: `${dir} does not exist` };
  const locked = lockedProvider(migrationsDir);
  if (locked !== provider) {
    return { provider, ok: false, message: `${dir}/migration_lock.toml should say provider = "${provider}" (found ${locked ? `"${locked}"` : 'none'})` };
  }
  const schema = renderSchema(provider, opts.modelsFile, opts.workDir);
  const result = await capture(
    process.execPath,
    [prismaCli, 'migrate', 'diff', '--from-migrations', migrationsDir, '--to-schema', schema, '--script', '--exit-code'],
    { ...process.env, DATABASE_URL: opts.databaseUrl },
  );
  const output = result.output.replace(/^Loaded Prisma config from .*\n+/m, '').trim();
  if (result.status === 0) return { provider, ok: true, message: `${dir} matches ${model}` };
  if (result.status === 2) {
    return {
      provider,
      ok: false,
      message:
        `${dir} does not produce ${model}. After the migrations, this SQL would still be needed:\n\n` +
        `${indent(output)}\n\n  Create the migration with \`DATABASE_URL=<a ${provider} database> npx prisma migrate dev --name <change>\` ` +
        '(for both providers: one model, two migration histories).',
    };
  }
  const why = result.error ? String(result.error) : result.signal ? `killed by ${result.signal}` : `exit code ${result.status}`;
  return { provider, ok: false, message: `could not compare ${dir} with ${model} (prisma migrate diff: ${why}):\n\n${indent(output)}` };
}

const indent = (text: string) => text.replace(/^/gm, '    ');

/** An admin URL for a PostgreSQL server, and how to stop it if we started it. */
function postgresServer(explicit: string | undefined): { url: string; stop?: () => void } {
  const fromEnv = [explicit, process.env.TEST_POSTGRES_URL, process.env.TEST_DATABASE_URL].find((u) => u && /^postgres(ql)?:\/\//.test(u));
  if (fromEnv) return { url: fromEnv };
  const script = path.join(root, 'scripts', 'postgres.sh');
  const running = spawnSync('bash', [script, 'status']).status === 0;
  const started = spawnSync('bash', [script, 'start'], { encoding: 'utf8' });
  if (started.status !== 0) {
    fail(
      `PostgreSQL migrations need a PostgreSQL server and none was given (--postgres-url, TEST_POSTGRES_URL) ` +
        `and scripts/postgres.sh could not start one:\n${started.stderr}\nCheck SQLite only with --provider sqlite.`,
    );
  }
  return { url: started.stdout.trim(), stop: running ? undefined : () => void spawnSync('bash', [script, 'stop']) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: path.join(root, 'prisma', 'models.prisma') },
      migrations: { type: 'string', default: path.join(root, 'prisma', 'migrations') },
      provider: { type: 'string', multiple: true },
      'postgres-url': { type: 'string' },
    },
  });
  const selected = (values.provider ?? providers) as Provider[];
  for (const p of selected) if (!providers.includes(p)) fail(`unknown provider "${p}" (sqlite or postgresql)`);
  const modelsFile = path.resolve(values.models!);
  if (!fs.existsSync(modelsFile)) fail(`model file ${modelsFile} does not exist`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-migrations-'));
  const server = selected.includes('postgresql') ? postgresServer(values['postgres-url']) : undefined;
  let results: CheckResult[];
  try {
    results = await Promise.all(
      selected.map((provider) => {
        // SQLite replays on an in-memory shadow database; this file is never created.
        const databaseUrl = provider === 'sqlite' ? `file:${path.join(workDir, 'unused.db')}` : server!.url;
        return checkProvider(provider, { modelsFile, migrationsRoot: path.resolve(values.migrations!), databaseUrl, workDir });
      }),
    );
  } finally {
    server?.stop?.();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  for (const r of results) (r.ok ? console.log : console.error)(`${r.ok ? '✔' : '✘'} ${r.provider}: ${r.message}`);
  if (results.some((r) => !r.ok)) {
    console.error('\nMigration drift check FAILED: the migrations folders and prisma/models.prisma disagree.');
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
