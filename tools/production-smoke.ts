// `npm run test:production`: the production artifact as README's "Deploying"
// describes it, proven in a scratch copy of the repository (the files git
// tracks, as they are in this working tree):
//
//   npm ci && npm run build          the build, with dev dependencies (as CI builds it)
//   npm ci --omit=dev                production dependencies only, on the built tree
//   npm run build                    again, with production dependencies only (CI set: Next installs nothing)
//   npm run serve                    without SESSION_SECRETS: refuses to start, one readable line
//                                    (then with SMTP_URL pointing at a real SMTP server, the mail catcher)
//   npm run serve                    on an empty database: /api/health says not-ready (migrations pending)
//   npm run db:migrate               the explicit migration step; health turns ok
//   npm run db:seed                  a user to sign in as (the demo users; until `npm run users:create`)
//   GET /login                       no demo password hint, though the demo users exist (NODE_ENV=production)
//   sign in over HTTP                the real /login form, as a browser without JavaScript posts it;
//                                    then /dashboard answers 200 for that session
//   forgotten password               /forgot-password mails a reset link through SMTP_URL
//   npm run users:create             the first user: an invitation mailed through SMTP_URL,
//                                    accepted over HTTP, and that user signs in
//
//   --no-production-build   skip the second build (the first one is served)
//   --prune      `npm prune --omit=dev` instead of a second `npm ci --omit=dev` (quicker; CI uses npm ci)
//   --keep       keep the scratch copy (it is kept anyway when a step fails)
//   --resume     with --dir: a kept scratch copy whose `npm ci --omit=dev` ran; go on from there
//   --dir <dir>  where to make the scratch copy (default: a new folder under the system temp dir)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startMailCatcher, type MailCatcher } from '../scripts/lib/mail-catcher.ts';
import { formatDuration, npmCommand, projectRoot, run } from '../scripts/lib/process.ts';
import { findFreePort } from './lib/app-server.ts';
import { HttpClient } from './lib/http-client.ts';

const { values: args } = parseArgs({
  options: { resume: { type: 'boolean', default: false }, 'no-production-build': { type: 'boolean', default: false }, prune: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, dir: { type: 'string' } },
});

const SESSION_COOKIE = '__Host-session';
const ALICE = { email: 'alice@example.com', password: 'correct-horse-battery-staple' };
const started = Date.now();
const log = (message: string) => console.log(`[production] ${message} (+${formatDuration(Date.now() - started)})`);

class SmokeFailure extends Error {}
const fail = (message: string): never => {
  throw new SmokeFailure(message);
};

/** Only what a deploy would have: no DATABASE_URL, NODE_ENV or secrets of this shell, no npm_* of this npm run. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'CI', 'NEXT_TELEMETRY_DISABLED', 'npm_config_cache', 'NPM_CONFIG_CACHE', 'npm_config_registry', 'NPM_CONFIG_REGISTRY'];
  const env: Record<string, string> = { NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name]!;
  return { ...env, ...extra };
}

/** A copy of every tracked file (deleted ones skipped), as it is in the working tree. */
function scratchCopy(dir: string): void {
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: projectRoot, encoding: 'utf8' });
  if (listed.status !== 0) fail(`git ls-files failed: ${listed.stderr}`);
  let count = 0;
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(projectRoot, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
    count += 1;
  }
  log(`copied ${count} tracked files to ${dir}`);
}

async function npm(dir: string, env: Record<string, string>, ...npmArgs: string[]): Promise<void> {
  const { command, prefixArgs } = npmCommand();
  const stepStarted = Date.now();
  const status = await run(command, [...prefixArgs, ...npmArgs], { cwd: dir, env, quiet: true });
  if (status !== 0) fail(`\`npm ${npmArgs.join(' ')}\` exited with ${status} (its output is above)`);
  log(`npm ${npmArgs.join(' ')}: ok in ${formatDuration(Date.now() - stepStarted)}`);
}

/** `npm run serve` in its own process group, so stopping it stops node too. */
function serve(dir: string, env: Record<string, string>, port: number): { child: ChildProcess; output: () => string } {
  const { command, prefixArgs } = npmCommand();
  const child = spawn(command, [...prefixArgs, 'run', 'serve', '--', '--port', String(port), '--hostname', '127.0.0.1'], { cwd: dir, env: env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  return { child, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 10_000).unref();
  });
}

async function health(baseURL: string): Promise<{ status: number; body: string } | null> {
  try {
    const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return null; // not listening yet
  }
}

/** The newest mail for `to` whose text carries `link`, waiting for it (the app sends after answering; other mails, e.g. a new-sign-in notice, may come first). */
async function waitForMail(catcher: MailCatcher, to: string, link: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = catcher.messages().find((m) => m.to.includes(to) && m.text.includes(link));
    if (mail) return mail;
    if (Date.now() > deadline) return fail(`no mail with a ${link} link reached ${to} within ${timeoutMs / 1000} s (mails to it: ${catcher.messages().filter((m) => m.to.includes(to)).map((m) => `"${m.subject}"`).join(', ') || 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitForHealth(baseURL: string, child: ChildProcess, output: () => string, until: (answer: { status: number; body: string }) => boolean, timeoutMs: number): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let last: { status: number; body: string } | null = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`npm run serve exited with ${child.exitCode}:\n${output()}`);
    last = await health(baseURL);
    if (last && until(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return fail(`/api/health did not answer as expected within ${formatDuration(timeoutMs)} (last: ${last ? `${last.status} ${last.body}` : 'no answer'})\n${output()}`);
}

async function main(): Promise<void> {
  if (args.resume && !args.dir) fail('--resume needs --dir <the kept scratch copy>');
  const dir = args.dir ? path.resolve(args.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-production-'));
  fs.mkdirSync(dir, { recursive: true });
  let passed = false;
  let server: ChildProcess | undefined;
  let catcher: MailCatcher | undefined;
  try {
    const installEnv = cleanEnv({});
    if (args.resume) {
      log(`resuming in ${dir}: its production-only install is taken as done`);
    } else {
      scratchCopy(dir);
      await npm(dir, installEnv, 'ci', '--no-audit', '--no-fund');
      await npm(dir, installEnv, 'run', 'build');
      if (args.prune) await npm(dir, installEnv, 'prune', '--omit=dev', '--no-audit', '--no-fund');
      else await npm(dir, installEnv, 'ci', '--omit=dev', '--no-audit', '--no-fund');
    }
    // (Not @playwright/test: Next lists it as an optional peer, so npm keeps it.)
    for (const devOnly of ['vitest', 'eslint', 'typescript-eslint']) {
      if (fs.existsSync(path.join(dir, 'node_modules', devOnly))) fail(`node_modules/${devOnly} is still installed: not a production-only install`);
    }
    // The same build again with production dependencies only (what a build on the server does).
    if (!args['no-production-build']) await npm(dir, cleanEnv({ CI: 'true' }), 'run', 'build');

    const port = await findFreePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const databaseUrl = `file:${path.join(dir, '.data', 'production.db')}`;
    const secrets = `1:${crypto.randomBytes(32).toString('base64')}`;

    // Without its required settings the server refuses to start, with a message and no stack trace.
    const bare = serve(dir, cleanEnv({ NODE_ENV: 'production', DATABASE_URL: databaseUrl }), port);
    const bareExit = await new Promise<number | null>((resolve) => bare.child.once('exit', resolve));
    if (bareExit === 0 || !/SESSION_SECRETS/.test(bare.output()) || /\n\s+at /.test(bare.output())) {
      fail(`npm run serve without SESSION_SECRETS should exit non-zero with a message naming it, and no stack trace; it exited ${bareExit}:\n${bare.output()}`);
    }
    log('npm run serve without SESSION_SECRETS: refused to start, naming it');

    // Production refuses to start without SMTP_URL: a real SMTP server (the catcher, run from this checkout).
    catcher = await startMailCatcher();
    const env = cleanEnv({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, SESSION_SECRETS: secrets, SMTP_URL: catcher.smtpUrl, MAIL_FROM: 'Strongroom <no-reply@example.com>' });
    fs.mkdirSync(path.join(dir, '.data'), { recursive: true });
    const started = serve(dir, env, port);
    server = started.child;
    const unmigrated = await waitForHealth(baseURL, server, started.output, () => true, 120_000);
    if (unmigrated.status !== 503 || !unmigrated.body.includes('not-ready')) fail(`/api/health on an unmigrated database: ${unmigrated.status} ${unmigrated.body} (expected 503 not-ready)`);
    log(`npm run serve on an empty database: /api/health ${unmigrated.status} ${unmigrated.body}`);

    await npm(dir, env, 'run', 'db:migrate');
    await npm(dir, env, 'run', 'db:seed');
    const ready = await waitForHealth(baseURL, server, started.output, (answer) => answer.status === 200, 30_000);
    log(`after npm run db:migrate: /api/health ${ready.status} ${ready.body}`);

    // The demo users exist now, and their password is public: production's /login must not print it.
    const login = await new HttpClient(baseURL).request('/login');
    if (login.status !== 200 || login.body.includes(ALICE.password)) fail(`/login in production: ${login.status}, demo password shown: ${login.body.includes(ALICE.password)}`);
    log('/login in production: no demo password, though the demo users are seeded');

    const browser = new HttpClient(baseURL);
    const { form } = await browser.formOn('/login');
    const signIn = await browser.submit('/login', form, ALICE);
    if (signIn.status !== 303 || !browser.cookies.get(SESSION_COOKIE)) fail(`signing in failed: ${signIn.status}, location ${signIn.location}\n${started.output()}`);
    const dashboard = await browser.request('/dashboard');
    if (dashboard.status !== 200 || !dashboard.body.includes('Alice')) fail(`/dashboard for the signed-in session: ${dashboard.status} (expected 200 with Alice's accounts)`);
    log(`signed in as ${ALICE.email}: 303 to ${signIn.location}; /dashboard 200`);

    const anonymous = await new HttpClient(baseURL).request('/dashboard');
    if (anonymous.status === 200) fail('/dashboard answered 200 without a session');

    const stranger = new HttpClient(baseURL);
    const { form: forgot } = await stranger.formOn('/forgot-password');
    const asked = await stranger.submit('/forgot-password', forgot, { email: ALICE.email });
    if (asked.status !== 200) fail(`/forgot-password answered ${asked.status}`);
    const mail = await waitForMail(catcher, ALICE.email, '/reset-password?token=', 30_000);
    log(`forgotten password: "${mail.subject}" delivered to ${ALICE.email} over SMTP_URL`);

    // A production database's first user (ADR 045): `npm run users:create` without a terminal mails an invitation.
    const first = { email: 'first-user@example.com', password: 'the first user chose this passphrase' };
    await npm(dir, env, 'run', 'users:create', '--', first.email);
    const invitation = await waitForMail(catcher, first.email, '/accept-invitation?token=', 30_000);
    const token = /\/accept-invitation\?token=([\w.-]+)/.exec(invitation.text)?.[1];
    if (!token) fail(`the invitation carries no /accept-invitation link:\n${invitation.text}`);
    const invitee = new HttpClient(baseURL);
    const opened = await invitee.request(`/accept-invitation?token=${token}`);
    if (opened.status !== 303) fail(`/accept-invitation answered ${opened.status} (expected 303 to the form)`);
    const { form: accept } = await invitee.formOn('/accept-invitation/new');
    const accepted = await invitee.submit('/accept-invitation/new', accept, { name: 'First User', password: first.password, confirmPassword: first.password });
    if (accepted.status !== 303 || !accepted.location?.includes('invitation-accepted')) fail(`accepting the invitation: ${accepted.status}, location ${accepted.location}`);
    const { form: firstLogin } = await invitee.formOn('/login');
    const firstSignIn = await invitee.submit('/login', firstLogin, first);
    if (firstSignIn.status !== 303 || !invitee.cookies.get(SESSION_COOKIE)) fail(`the first user's sign-in failed: ${firstSignIn.status}, location ${firstSignIn.location}`);
    log(`npm run users:create: "${invitation.subject}" delivered, accepted, and ${first.email} signed in`);
    passed = true;
    log('the production artifact works as README "Deploying" says');
  } finally {
    if (server) await stop(server);
    await catcher?.close();
    if (passed && !args.keep) fs.rmSync(dir, { recursive: true, force: true });
    else log(`scratch copy kept: ${dir}`);
  }
}

main().catch((error: unknown) => {
  console.error(`\n[production] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!(error instanceof SmokeFailure) && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
