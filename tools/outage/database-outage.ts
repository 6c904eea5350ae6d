// `npm run test:outage` — the database goes away mid-session and comes back
// (issue 10, item 4). On a PostgreSQL server of its own (never the shared
// one), against a production build:
//   before   alice signs in through the real login form and adds a payee;
//   outage   the server is stopped (fast shutdown, data kept): pages answer a calm
//            "temporarily unavailable" page with 503 — not the login page, not a
//            stack trace; JSON routes 503; nobody gets in (a sign-in with the right
//            password, a forged cookie, an authentic seal of another session id);
//            /api/health 503; the app process stays up;
//   after    the server starts again: the same cookie works without a new sign-in
//            and the payee added before the outage is still there.
// Prints a goal table, writes it to docs/benchmarks.md (section "outage") and
// exits 1 on any miss.
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { sealSessionCookie } from '../../e2e/support/session.ts';
import { ensureProductionBuild, startAppServer } from '../lib/app-server.ts';
import { describeMachine, writeBenchmarkSection } from '../lib/benchmarks-doc.ts';
import { migrateDeploy, seed } from '../../scripts/lib/database.ts';
import { goalTable, utcStamp, type Goal } from '../lib/goal-table.ts';
import { HttpClient, type HttpResponse } from '../lib/http-client.ts';
import { recreateDatabase, startThrowawayPostgres } from '../lib/throwaway-postgres.ts';

const { values: args } = parseArgs({ options: { 'no-report': { type: 'boolean', default: false } } });
const log = (line: string) => console.log(`[outage] ${line}`);

const SESSION_COOKIE = '__Host-session';
const ALICE = { email: 'alice@example.com', password: 'correct-horse-battery-staple' };
const UNAVAILABLE_TEXT = /temporarily unavailable/i;
const STACK_TRACE = /\n\s+at \S+ \(|\bError: |webpack-internal|node_modules\//;

function isCalmUnavailablePage(r: HttpResponse): boolean {
  return r.status === 503 && UNAVAILABLE_TEXT.test(r.body) && !STACK_TRACE.test(r.body) && r.location === null;
}
function isJson503(r: HttpResponse): boolean {
  return r.status === 503 && (r.headers.get('content-type') ?? '').includes('application/json') && !STACK_TRACE.test(r.body);
}
const describe = (r: HttpResponse) => `${r.status}${r.location ? ` → ${new URL(r.location, 'http://x').pathname}` : ''}`;
const sessionSet = (r: HttpResponse) => r.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !/^[^=]+=;/.test(c) && !/max-age=0/i.test(c));

/** Like a browser: follows a redirect back to the same URL (the DAL's "ask again"), never to another page. */
async function requestAsBrowser(client: HttpClient, path: string): Promise<HttpResponse> {
  let response = await client.request(path);
  for (let hops = 0; hops < 3 && response.location && new URL(response.location, client.baseURL).pathname === path; hops++) {
    response = await client.request(path);
  }
  return response;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

async function main(): Promise<void> {
  const postgres = await startThrowawayPostgres('outage');
  const goals: Goal[] = [];
  const goal = (name: string, target: string, actual: string | number, met: boolean) => goals.push({ goal: name, target, actual, met });
    try {
    const databaseUrl = await recreateDatabase(postgres.adminURL, 'strongroom_outage');
    const secrets = `1:${crypto.randomBytes(32).toString('base64url')}`;
    const env = { DATABASE_URL: databaseUrl, SESSION_SECRETS: secrets, NEXT_TELEMETRY_DISABLED: '1' };
    await migrateDeploy(databaseUrl, { quiet: true });
    await seed(databaseUrl, { quiet: true, env: { ...process.env, ...env } });
    await ensureProductionBuild(env, log);
    const server = await startAppServer({ env });
    log(`app ${server.baseURL} on PostgreSQL ${postgres.adminURL.replace(/\/[^/]*$/, '')}`);
    try {
      // Before: a real sign-in and a real write.
      const alice = new HttpClient(server.baseURL);
      const { form: loginForm } = await alice.formOn('/login');
      const signedIn = await alice.submit('/login', loginForm, ALICE);
      const cookieBefore = alice.cookies.get(SESSION_COOKIE);
      goal('before: sign-in through the login form', '303 → /dashboard', describe(signedIn), signedIn.status === 303 && cookieBefore !== undefined);
      const payeeName = `Outage Check ${crypto.randomBytes(3).toString('hex')}`;
      const { form: payeeForm } = await alice.formOn('/transfers/payees/new');
      const added = await alice.submit('/transfers/payees/new', payeeForm, { name: payeeName, iban: 'DE89 3704 0044 0532 0130 00' });
      const listed = (await alice.request('/transfers/payees')).body.includes(payeeName);
      goal('before: a payee added (the write)', 'listed', listed ? 'listed' : `not listed (${describe(added)})`, listed);

      const rounds = [
        { label: 'outage 1 (right after activity)', idleMs: 0 },
        { label: 'outage 2 (pool idle: no warning from the driver)', idleMs: 11_000 },
      ];
      for (const round of rounds) {
        // Outage.
        if (round.idleMs > 0) {
          log(`waiting ${round.idleMs / 1000} s: the pool closes its idle connections, so nothing warns the app`);
          await new Promise((resolve) => setTimeout(resolve, round.idleMs));
        }
        postgres.pause();
        log(`${round.label}: database stopped`);
        const cookie = alice.cookieHeader();
        const pages = ['/dashboard', '/transfers/payees', '/security', '/transfers/new'];
        const pageResults = [];
        for (const path of pages) pageResults.push(await requestAsBrowser(alice, path)); // the first one is the first request after the stop
        const calmPages = pageResults.filter(isCalmUnavailablePage).length;
        goal(`${round.label}: pages answer the calm 503 page (not /login, no stack trace)`, `${pages.length} of ${pages.length}`,
          `${calmPages} of ${pages.length} (${pageResults.map(describe).join(', ')})`, calmPages === pages.length);
        const apis = ['/api/accounts', '/api/session'];
        const apiResults = await Promise.all(apis.map((path) => alice.request(path, { headers: { cookie, accept: 'application/json' } })));
        goal(`${round.label}: JSON routes answer 503`, `${apis.length} of ${apis.length}`, `${apiResults.filter(isJson503).length} of ${apis.length} (${apiResults.map(describe).join(', ')})`,
          apiResults.every(isJson503));

        // Nobody let in: a sign-in with the right password, forged and foreign cookies, no cookie.
        const stranger = new HttpClient(server.baseURL);
        const loginAttempt = await stranger.submit('/login', loginForm, ALICE);
        const forgedKey = await sealSessionCookie({ id: 'x', secret: 'y' }, `1:${crypto.randomBytes(32).toString('base64url')}`);
        const otherSession = await sealSessionCookie({ id: crypto.randomBytes(12).toString('hex'), secret: crypto.randomBytes(32).toString('base64url') }, secrets);
        const intruders = [
          { what: 'sign-in with the right password', response: loginAttempt },
          ...(await Promise.all(
            [
              { what: 'a cookie sealed with another key', value: forgedKey },
              { what: 'an authentic seal of another session id', value: otherSession },
              { what: 'a random cookie', value: crypto.randomBytes(40).toString('base64url') },
              { what: 'no cookie', value: null },
            ].flatMap(({ what, value }) =>
              ['/dashboard', '/api/accounts'].map(async (path) => ({
                what: `${what} on ${path}`,
                response: await stranger.request(path, { headers: value ? { cookie: `${SESSION_COOKIE}=${value}` } : { cookie: '' } }),
              })),
            ),
          )),
        ];
        const letIn = intruders.filter(({ response }) => response.status === 200 || sessionSet(response) || (response.status === 303 && response.location?.includes('/dashboard')));
        goal(`${round.label}: nobody let in (sign-in, forged / foreign / random / no cookie)`, '0', letIn.length === 0 ? 0 : letIn.map((i) => i.what).join('; '), letIn.length === 0);
        const refused503 = intruders.filter(({ response }) => response.status === 503).length;
        goal(`${round.label}: … each answered 503 (not a 500, not the login page)`, `${intruders.length} of ${intruders.length}`,
          `${refused503} of ${intruders.length}${refused503 < intruders.length ? ` (${intruders.filter((i) => i.response.status !== 503).map((i) => `${i.what}: ${describe(i.response)}`).join('; ')})` : ''}`,
          refused503 === intruders.length);
        const health = await stranger.request('/api/health');
        goal(`${round.label}: /api/health`, '503', health.status, health.status === 503);
        const all = [...pageResults, ...apiResults, ...intruders.map((i) => i.response), health];
        const errors = all.filter((r) => r.status >= 500 && r.status !== 503).length;
        goal(`${round.label}: responses ≥ 500 other than 503`, '0', errors, errors === 0);
        goal(`${round.label}: the app process is still running`, 'yes', server.child.exitCode === null ? 'yes' : `exited ${server.child.exitCode}`, server.child.exitCode === null);

        // Back.
        const resumedAt = Date.now();
        postgres.resume();
        log(`${round.label}: database started again`);
        const recoveryMs = await waitFor(async () => (await stranger.request('/api/health')).status === 200, 30_000);
        goal(`${round.label}, after: /api/health 200 again`, '≤ 10 s after the database', recoveryMs === null ? 'never (30 s)' : `${Date.now() - resumedAt} ms`, recoveryMs !== null && Date.now() - resumedAt <= 10_000);
        const dashboard = await alice.request('/dashboard');
        goal(`${round.label}, after: the same cookie, no new sign-in`, '200 on /dashboard', describe(dashboard), dashboard.status === 200);
        const accounts = await alice.request('/api/accounts');
        goal(`${round.label}, after: JSON routes with that cookie`, '200', accounts.status, accounts.status === 200);
        const stillListed = (await alice.request('/transfers/payees')).body.includes(payeeName);
        goal(`${round.label}, after: the payee written before the outage`, 'still there', stillListed ? 'still there' : 'lost', stillListed);
      }
    } finally {
      await server.stop();
    }
  } finally {
    postgres.stop();
  }

  const failed = goals.some((g) => !g.met);
  const report = [
    '## Database outage — PostgreSQL',
    '',
    `\`npm run test:outage\`, ${utcStamp()}, on ${describeMachine()}.`,
    'A production build on a PostgreSQL 15 of its own; alice signs in and adds a payee; the server is stopped (fast shutdown) and started again, twice: right after activity (the driver reports the dropped connections) and after the pool went idle (the first query finds out).',
    '',
    goalTable(goals),
  ].join('\n');
  console.log(`\n${report}\n`);
  if (!args['no-report']) writeBenchmarkSection('outage', report);
  log(failed ? 'FAILED: a goal was missed' : 'all goals met');
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`[outage] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
