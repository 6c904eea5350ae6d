// The demo launcher: `npm start` (production server) and `npm run dev` (next dev).
//
//   1. .env      — created with fresh secrets if absent (never overwritten; never in production), then loaded;
//                  NODE_ENV=production refuses a .env the launcher generated
//   2. config    — validated by lib/config/env-schema.ts; a bad setting stops here with a readable message
//   3. database  — migrations applied (and verified) unless the database already has them all,
//                  demo data seeded unless the demo users exist (not in production)
//   4. build     — `npm run build` when .next is missing or older than the sources (not for --dev)
//   5. serve     — the compiled production server (`npm run serve`'s .next/strongroom-server.mjs)
//                  or `next dev`, on $PORT (3000) and $HOST (localhost); prints the URL and demo logins;
//                  outside production without SMTP_URL, a local mail catcher too, and its inbox URL
//
// HOST defaults to localhost, not 0.0.0.0: this is a demo with published passwords,
// and its __Host-/Secure session cookie only works over plain http on localhost
// anyway (browsers treat only localhost as a secure context). Set HOST=0.0.0.0 to
// expose it, e.g. inside a container, behind TLS.
import fs from 'node:fs';
import path from 'node:path';
import { EnvError, parseEnv, type Env } from '../lib/config/env-schema.ts';
import { productionMailProblem } from '../lib/config/mail-settings.ts';
import { resolveDatabase } from '../lib/config/database-url.ts';
import { demoBanner } from './lib/banner.ts';
import { buildStatus, markBuiltAsOf } from './lib/build-freshness.ts';
import { DEMO_USERS } from '../prisma/seed/demo-users.ts';
import { committedMigrations, migrateDeploy, pendingMigrations, seed, usersWithEmail } from './lib/database.ts';
import { startDevMailCatcher } from './lib/mail-catcher.ts';
import { ensureEnvFile, productionEnvFileProblem } from './lib/env-file.ts';
import { runNextServer, waitForHttp } from './lib/next-server.ts';
import { CommandError, formatDuration, npmCommand, projectRoot, runOrFail } from './lib/process.ts';

const dev = process.argv.includes('--dev');
const production = process.env.NODE_ENV === 'production';
const envFile = path.join(projectRoot, '.env');

const log = (message: string) => console.log(`[start] ${message}`);

/** Step 1: a local .env with generated secrets, for a zero-setup demo (never a production configuration). */
function loadEnvFile(): void {
  const problem = production ? productionEnvFileProblem(envFile) : undefined;
  if (problem) throw new EnvError([problem]);
  if (!production && ensureEnvFile(envFile)) {
    log('created .env with freshly generated SESSION_SECRETS (keep it private; it is git-ignored)');
  }
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile); // never overrides variables already set
}

/** Step 2: the same validation the app runs at boot, but before anything is started. */
function validateEnv(): Env {
  if (production && !process.env.SESSION_SECRETS) {
    throw new EnvError([
      'SESSION_SECRETS: is required when NODE_ENV=production. The launcher generates secrets only for local ' +
        'demos; set it in the environment, e.g. SESSION_SECRETS="1:$(openssl rand -base64 32)".',
    ]);
  }
  if (production && dev) throw new EnvError(['NODE_ENV: --dev (next dev) cannot run with NODE_ENV=production']);
  const mailProblem = productionMailProblem(process.env);
  if (mailProblem) throw new EnvError([mailProblem]);
  return parseEnv(process.env);
}

/** Step 3: schema up to date, demo users present — each step only when needed, so a warm restart is quick. */
async function prepareDatabase(env: Env): Promise<void> {
  const target = resolveDatabase(env.DATABASE_URL);
  const name = target.provider === 'sqlite' ? target.url : 'PostgreSQL';
  // Asking the database is far quicker than a `prisma migrate deploy` with nothing to do.
  // If it cannot answer, migrate anyway: the CLI says what is wrong.
  const pending = await pendingMigrations(target).catch(() => undefined);
  if (pending && pending.length === 0 && committedMigrations(target.provider).length > 0) {
    log(`database: ${name} — migrations up to date`);
  } else {
    log(`database: ${name} — applying migrations`);
    const migrations = await migrateDeploy(target.url);
    if (migrations === 0) log(`warning: prisma/migrations/${target.provider} has no migrations yet; the database has no tables`);
  }
  if (production) {
    log('NODE_ENV=production: not seeding demo users (their password is public); run `npm run db:seed` if you want them');
    return;
  }
  const demoEmails = DEMO_USERS.map((user) => user.email);
  if ((await usersWithEmail(target, demoEmails).catch(() => 0)) === demoEmails.length) return; // seeded before
  // Quiet unless it fails: the demo logins are printed once the server is up.
  if (await seed(target.url, { quiet: true })) log('demo data seeded');
  else log('warning: prisma/seed.ts does not exist yet; no demo users');
}

/** Step 4: rebuild only when a source changed since the last build. */
async function buildIfNeeded(): Promise<void> {
  const status = buildStatus(projectRoot);
  if (status.fresh) {
    log('production build is up to date');
    return;
  }
  log(`building: ${status.reason}`);
  const started = Date.now();
  const npm = npmCommand();
  await runOrFail('The build', npm.command, [...npm.prefixArgs, 'run', 'build']);
  markBuiltAsOf(projectRoot, started);
  log(`built in ${formatDuration(Date.now() - started)}`);
}

/** Step 5. */
async function serve(env: Env): Promise<void> {
  const hostname = process.env.HOST || 'localhost';
  const browsable = ['localhost', '127.0.0.1', '0.0.0.0', '::', '::1', '[::]'].includes(hostname) ? 'localhost' : hostname;
  const url = `http://${browsable}:${env.PORT}`;
  // Outside production, without an SMTP_URL of your own, mail goes to a local catcher you can read (ADR 040).
  const catcher = !production && !process.env.SMTP_URL ? await startDevMailCatcher() : undefined;
  if (catcher) process.env.SMTP_URL = catcher.smtpUrl;
  const child = runNextServer({ mode: dev ? 'dev' : 'start', port: env.PORT, hostname, env: process.env });
  // `next dev` compiles a route on first request: give it longer.
  if (await waitForHttp(`${url}/api/health`, dev ? 120_000 : 60_000, child)) {
    console.log(demoBanner(url, { demoUsers: !production }));
    if (catcher) log(`mail the app sends (sign-up and password reset links) lands in the development inbox: ${catcher.inboxUrl}`);
    if (env.SIGN_UP === 'open') log(`sign-up is open (SIGN_UP=open): create an account at ${url}/sign-up`);
  }
}

async function main(): Promise<void> {
  loadEnvFile();
  // The demo lets a newcomer try sign-up (the verification mail lands in the local inbox);
  // a deployment chooses SIGN_UP itself and gets "off" unless it does (ADR 045).
  if (!production && !process.env.SIGN_UP) process.env.SIGN_UP = 'open';
  const env = validateEnv();
  await prepareDatabase(env);
  if (!dev) await buildIfNeeded();
  await serve(env);
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof CommandError) {
    console.error(`\n[start] ${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
