// The app as the e2e suite sees it; Playwright's webServer runs this with the
// environment from e2e/support/environment.ts. A fresh database every run
// (migrated + seeded), the production build (rebuilt only when stale, by the
// same check as `npm start`), then `next start`.
import fs from 'node:fs';
import path from 'node:path';
import { EnvError, parseEnv } from '../../lib/config/env-schema.ts';
import { buildStatus, markBuiltAsOf } from '../../scripts/lib/build-freshness.ts';
import { migrateDeploy, seed } from '../../scripts/lib/database.ts';
import { runNextServer } from '../../scripts/lib/next-server.ts';
import { CommandError, formatDuration, npmCommand, projectRoot, runOrFail } from '../../scripts/lib/process.ts';
import { resolveDatabase, sqliteFilePath } from '../../lib/config/database-url.ts';

// Playwright shows the server's stderr, and its stdout only with DEBUG=pw:webserver.
const log = (message: string) => console.error(`[e2e server] ${message}`);

/** Databases of earlier runs (one folder per port under .tmp/e2e) are kept a while for debugging. */
function removeOldRunDirectories(): void {
  const dir = path.join(projectRoot, '.tmp', 'e2e');
  if (!fs.existsSync(dir)) return;
  const cutoff = Date.now() - 6 * 3_600_000;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && fs.statSync(full).mtimeMs < cutoff) fs.rmSync(full, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // `next build` and `next start` manage NODE_ENV themselves; an inherited "test" or
  // "development" would make the build non-standard.
  const { NODE_ENV: _inherited, ...env } = process.env;
  const config = parseEnv(env);
  const databaseUrl = env.DATABASE_URL!;

  const started = Date.now();
  removeOldRunDirectories();
  const target = resolveDatabase(databaseUrl);
  // Throwaway: every run starts from an empty SQLite database.
  if (target.provider === 'sqlite') fs.rmSync(path.dirname(sqliteFilePath(target.url)), { recursive: true, force: true });
  const migrations = await migrateDeploy(target.url, { env, quiet: true });
  if (migrations === 0) log(`warning: prisma/migrations/${target.provider} has no migrations yet; the database has no tables`);
  if (!(await seed(target.url, { env, quiet: true }))) log('warning: prisma/seed.ts does not exist yet; no demo users');
  log(`database ready in ${formatDuration(Date.now() - started)}`);

  const status = buildStatus(projectRoot);
  if (!status.fresh) {
    log(`building (${status.reason}) — this takes a minute`);
    const buildStarted = Date.now();
    const npm = npmCommand();
    await runOrFail('The build', npm.command, [...npm.prefixArgs, 'run', 'build'], { env, quiet: true });
    markBuiltAsOf(projectRoot, buildStarted);
    log(`built in ${formatDuration(Date.now() - buildStarted)}`);
  }

  log(`starting next on http://localhost:${config.PORT}`);
  runNextServer({ mode: 'start', port: config.PORT, hostname: env.HOST || 'localhost', env });
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof CommandError ? `[e2e server] ${error.message}` : error);
  process.exit(1);
});
