// `npm run test:fuzz` — hostile input against a production build (issue 10, item 5):
//   cookies      10,000 session cookie values: random, truncated, bit-flipped and
//                re-keyed seals, seals under another key, oversized values, and
//                headers with many cookies at once, on pages and JSON routes;
//   submissions  2,000 malformed submissions spread over every Server Action and
//                every route handler the build contains (read from its manifests,
//                so a new one is covered without being listed): JavaScript-style
//                calls (Next-Action) with broken bodies and broken field values,
//                no-JS form posts with mutated fields, odd methods, queries and bodies,
//                reply parts chained thousands deep (also on static paths).
// Goals: 0 responses ≥ 500, 0 requests authenticated by a forged cookie, 0 sessions
// handed to an anonymous submission, the server healthy afterwards. Prints a goal
// table, writes it to docs/benchmarks.md (section "fuzz"), exits 1 on a miss.
//
//   npm run test:fuzz
//   npm run test:fuzz -- --cookies 10000 --submissions 2000 --concurrency 8 --seed abc
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnv } from '../../lib/config/env-schema.ts';
import { createDbClient } from '../../lib/db/client.ts';
import { createSessionStore } from '../../lib/session/store.ts';
import { policyFromEnv } from '../../lib/session/policy.ts';
import { createSessionSealer } from '../../lib/session/seal.ts';
import { ensureProductionBuild, startAppServer } from '../lib/app-server.ts';
import { describeMachine, writeBenchmarkSection } from '../lib/benchmarks-doc.ts';
import { migrateDeploy, seed } from '../../scripts/lib/database.ts';
import { chainedReplyParts, cookieMutations, cryptoRandom, malformedFieldValue, manyCookiesHeader, randomPrintable, sealUnderAnotherKey, seededRandom, STATIC_PATHS, type Random } from '../lib/fuzz-inputs.ts';
import { goalTable, utcStamp, type Goal } from '../lib/goal-table.ts';
import { HttpClient, parseForms, type HttpResponse, type ParsedForm } from '../lib/http-client.ts';
import { formatDuration, projectRoot } from '../../scripts/lib/process.ts';
import { readActionTargets, readRouteTargets, urlPathOf, type ActionTarget, type RouteTarget } from './targets.ts';

const { values: args } = parseArgs({
  options: {
    cookies: { type: 'string', default: '10000' },
    submissions: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    seed: { type: 'string' },
    'no-report': { type: 'boolean', default: false },
  },
});
const log = (line: string) => console.log(`[fuzz] ${line}`);
const SESSION_COOKIE = '__Host-session';
const ALICE = { email: 'alice@example.com', password: 'correct-horse-battery-staple' };
const BOB = { email: 'bob@example.com', password: 'correct-horse-battery-staple' };
const random: Random = args.seed ? seededRandom(args.seed) : cryptoRandom;
const pick = <T>(items: readonly T[]): T => items[random.int(items.length)]!;

type Incident = { what: string; status: number; detail: string };

/**
 * Requests share it; re-issuing a session (a write from this script's own
 * database connection) waits for it alone. SQLite refuses a transaction of the
 * app's that read before another connection wrote (SQLITE_BUSY_SNAPSHOT), and
 * the fuzz is about the app's input handling, not two processes on one file.
 */
class Gate {
  private active = 0;
  private exclusive: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  async shared<T>(run: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    this.active++;
    try {
      return await run();
    } finally {
      this.active--;
      if (this.active === 0) this.drained?.();
    }
  }

  async alone<T>(run: () => Promise<T>): Promise<T> {
    while (this.exclusive) await this.exclusive;
    let release!: () => void;
    this.exclusive = new Promise((resolve) => (release = resolve));
    try {
      if (this.active > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = null;
      return await run();
    } finally {
      this.exclusive = null;
      release();
    }
  }
}

/** Runs `tasks` with at most `concurrency` in flight. */
async function runPool(tasks: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
}

const hasSessionCookie = (r: HttpResponse) => r.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`) && !/max-age=0/i.test(c));

async function main(): Promise<void> {
  const dir = path.join(projectRoot, '.tmp', 'fuzz', String(process.pid));
  fs.mkdirSync(dir, { recursive: true });
  const databaseUrl = `file:${path.join(dir, 'fuzz.db')}`;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    SESSION_SECRETS: `1:${crypto.randomBytes(32).toString('base64url')}`,
    SESSION_MAX_PER_USER: '100',
    // The per-address limit would soon answer every sign-in from this one address
    // with "too many attempts"; lifted so the fuzz reaches the form's own checks.
    LOGIN_IP_MAX_ATTEMPTS: '100000',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const started = Date.now();
  await migrateDeploy(databaseUrl, { quiet: true });
  await seed(databaseUrl, { quiet: true, env: { ...process.env, ...env } });
  await ensureProductionBuild(env, log);
  const server = await startAppServer({ env });
  const db = createDbClient(databaseUrl);
  const config = parseEnv({ ...process.env, ...env });
  const policy = policyFromEnv(config);
  const store = createSessionStore(db, policy);
  const sealer = createSessionSealer({ keys: config.SESSION_SECRETS, ttlMs: policy.absoluteTimeoutMs + 60_000 });
  const goals: Goal[] = [];
  const incidents: Incident[] = [];
  let failed = true;
  try {
    log(`app ${server.baseURL} (SQLite), seed ${args.seed ?? 'random'}`);
    const alice = await db.user.findUniqueOrThrow({ where: { email: ALICE.email } });
    const aliceAccounts = await db.bankAccount.findMany({ where: { userId: alice.id }, select: { id: true } });
    const aliceTransfer = await db.transfer.findFirst({ where: { userId: alice.id }, select: { id: true } }).catch(() => null);

    /** A signed-in alice as the server itself would have issued it (no sign-in form, no throttle). */
    async function mintAlice(): Promise<HttpClient> {
      const now = new Date();
      const { token } = await store.createSession(alice.id, { mfaVerified: false, context: { ipAddress: '127.0.0.1', userAgent: 'fuzz' }, now });
      const client = new HttpClient(server.baseURL);
      client.cookies.set(SESSION_COOKIE, await sealer.sealSessionToken(token, now));
      return client;
    }

    // A genuine cookie through the real sign-in form: the seal the cookie fuzz mutates.
    const signedIn = new HttpClient(server.baseURL);
    const { form: loginForm } = await signedIn.formOn('/login');
    const signIn = await signedIn.submit('/login', loginForm, ALICE);
    const genuine = signedIn.cookies.get(SESSION_COOKIE);
    if (signIn.status !== 303 || !genuine) throw new Error(`signing alice in failed (${signIn.status})`);

    // Phase 1: cookies.
    const cookieCount = Number(args.cookies);
    const manyCount = Math.round(cookieCount / 10);
    const anotherKey = await sealUnderAnotherKey('1');
    const values = cookieMutations(genuine, cookieCount - manyCount, { random, anotherKeySeal: anotherKey }).map((m) => m.value);
    const cookiePaths = ['/dashboard', '/api/accounts', '/transfers/new', '/api/session', '/security', `/accounts/${aliceAccounts[0]!.id}/transactions.csv`];
    const headers = [...values.map((v) => `${SESSION_COOKIE}=${v}`), ...Array.from({ length: manyCount }, () => manyCookiesHeader(random, values, SESSION_COOKIE))];
    const cookieStats = { sent: 0, serverErrors: 0, authenticated: 0, rejected431: 0 };
    const cookieStarted = Date.now();
    const anonymous = new HttpClient(server.baseURL);
    await runPool(headers.map((cookie, i) => async () => {
      const target = cookiePaths[i % cookiePaths.length]!;
      let response: HttpResponse;
      try {
        response = await anonymous.request(target, { headers: { cookie } });
      } catch (error) {
        cookieStats.serverErrors++;
        incidents.push({ what: `cookie on ${target}`, status: 0, detail: String(error) });
        return;
      }
      cookieStats.sent++;
      if (response.status === 431) cookieStats.rejected431++;
      if (response.status >= 500) {
        cookieStats.serverErrors++;
        if (incidents.length < 30) incidents.push({ what: `cookie on ${target}`, status: response.status, detail: cookie.slice(0, 120) });
      }
      const inside = target === '/api/session' ? /"authenticated":true/.test(response.body) : response.status === 200;
      if (inside) cookieStats.authenticated++;
    }), Number(args.concurrency));
    const cookieMs = Date.now() - cookieStarted;
    log(`cookies: ${cookieStats.sent} in ${formatDuration(cookieMs)}`);
    goals.push({ goal: 'cookie values sent (random, truncated, bit-flipped, re-keyed, other key, oversized, many at once)', target: `${cookieCount}`, actual: cookieStats.sent, met: cookieStats.sent >= cookieCount });
    goals.push({ goal: 'cookies: responses ≥ 500', target: '0', actual: cookieStats.serverErrors, met: cookieStats.serverErrors === 0 });
    goals.push({ goal: 'cookies: requests authenticated', target: '0', actual: cookieStats.authenticated, met: cookieStats.authenticated === 0 });

    // Phase 2: submissions.
    const params = { id: aliceAccounts[0]!.id };
    const actions = readActionTargets(params).map((a) => (a.pagePath.startsWith('/transfers/x') && aliceTransfer ? { ...a, pagePath: `/transfers/${aliceTransfer.id}` } : a));
    const routes = readRouteTargets();
    // The forms each action is rendered in, as a signed-in alice (or anonymous) sees them.
    const formsByAction = new Map<string, { form: ParsedForm; page: string }>();
    const viewer = await mintAlice();
    for (const page of new Set(actions.map((a) => a.pagePath))) {
      const client = page.startsWith('/login') ? new HttpClient(server.baseURL) : viewer;
      const html = (await client.request(page)).body;
      for (const form of parseForms(html)) if (form.actionId && !formsByAction.has(form.actionId)) formsByAction.set(form.actionId, { form, page });
    }
    // The MFA step needs bob's pending-login cookie (his password step done).
    async function bobAtCodeStep(): Promise<HttpClient> {
      const bob = new HttpClient(server.baseURL);
      const { form } = await bob.formOn('/login');
      await bob.submit('/login', form, BOB);
      return bob;
    }
    const mfaPage = await bobAtCodeStep();
    for (const form of parseForms((await mfaPage.request('/login/mfa')).body)) if (form.actionId && !formsByAction.has(form.actionId)) formsByAction.set(form.actionId, { form, page: '/login/mfa' });

    const aliceClients = await Promise.all(Array.from({ length: Number(args.concurrency) }, () => mintAlice()));
    const stats = new Map<string, { sent: number; serverErrors: number; statuses: Map<number, number> }>();
    let anonymousSessions = 0;
    let reminted = 0;
    const targets: (ActionTarget | RouteTarget)[] = [...actions, ...routes];
    const submissionCount = Number(args.submissions);
    const labelOf = (t: ActionTarget | RouteTarget) => (t.kind === 'action' ? `action ${t.name} (${t.pagePath})` : `route ${t.route}`);

    function actionRequest(target: ActionTarget, n: number): { path: string; init: RequestInit } {
      const known = formsByAction.get(target.id);
      const fieldNames = known?.form.fields.map(([name]) => name).filter((name) => !name.startsWith('$ACTION')) ?? ['email', 'password', 'code', 'amount'];
      const bound = known?.form.fields.find(([name]) => /^\$ACTION_\d+:1$/.test(name))?.[1];
      const prev = bound ? (JSON.parse(bound) as unknown[])[0] : undefined;
      const jsHeaders = { 'next-action': target.id, accept: 'text/x-component' };
      const malformedForm = (prefix: string) => {
        const body = new FormData();
        for (const name of fieldNames) if (random.int(5) > 0) body.append(`${prefix}${name}`, malformedFieldValue(random));
        if (random.int(3) === 0) body.append(`${prefix}${pick(fieldNames)}`, malformedFieldValue(random)); // a field twice
        return body;
      };
      switch (n % 10) {
        case 0: return { path: target.pagePath, init: { method: 'POST', headers: { ...jsHeaders, 'content-type': 'text/plain;charset=UTF-8' }, body: randomPrintable(random, 1 + random.int(400)) } };
        case 1: return { path: target.pagePath, init: { method: 'POST', headers: { ...jsHeaders, 'content-type': 'text/plain;charset=UTF-8' }, body: pick(['[{"', '[', '{"a":1}', '"x"', '["$@1"]', '["$Q1"]', '["$h1"]', '["$n1.5"]', '["$zz"]', '[1,2,3]', 'null']) } };
        case 2: return { path: target.pagePath, init: { method: 'POST', headers: { ...jsHeaders, 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(Array.from({ length: random.int(4) }, () => pick([null, 42, true, malformedFieldValue(random), {}, [], { error: 1, values: 'x', attempt: 'NaN' }]))) } };
        case 3: case 4: case 5: {
          // What the real client sends — (previous state, form) — with malformed field values.
          const body = malformedForm('1_');
          body.append('0', JSON.stringify(prev !== undefined && random.int(4) > 0 ? [prev, '$K1'] : pick([['$K1'], [null, '$K1'], ['x', '$K1'], [prev ?? {}, null]])));
          return { path: target.pagePath, init: { method: 'POST', headers: jsHeaders, body } };
        }
        case 6: {
          const body = new FormData();
          if (random.int(3) === 0) {
            // A deep chain of parts, on the action's page or on a path middleware skips for GETs.
            for (const [name, value] of chainedReplyParts(random)) body.append(name, value);
            return { path: random.int(2) ? target.pagePath : pick(STATIC_PATHS), init: { method: 'POST', headers: jsHeaders, body } };
          }
          body.append('0', pick(['["$@5"]', '["$K1","$B2"]', '["$W3"]', '[{"a":"$Q1"}]', '["$1:a:b"]']));
          if (random.int(2)) body.append('1', randomPrintable(random, 50));
          return { path: target.pagePath, init: { method: 'POST', headers: jsHeaders, body } };
        }
        case 7: return { path: target.pagePath, init: { method: 'POST', headers: { ...jsHeaders, 'content-type': `multipart/form-data; boundary=${randomPrintable(random, 10)}` }, body: randomPrintable(random, 200) } };
        default: {
          if (!known) {
            const body = malformedForm('');
            body.append(`$ACTION_ID_${target.id}`, '');
            return { path: target.pagePath, init: { method: 'POST', body } };
          }
          // The no-JS form post with mutated fields (and sometimes mutated action metadata).
          const body = malformedForm('');
          for (const [name, value] of known.form.fields) {
            if (!name.startsWith('$ACTION')) continue;
            const mutate = random.int(6) === 0;
            body.append(name, mutate ? pick(['', '[{', '{"id":"x"}', '"$@9"', malformedFieldValue(random)]) : value);
          }
          return { path: known.page, init: { method: 'POST', body } };
        }
      }
    }

    function routeRequest(target: RouteTarget, n: number): { path: string; init: RequestInit } {
      let base = urlPathOf(`app${target.route}/route`, { id: random.int(3) === 0 ? encodeURIComponent(malformedFieldValue(random).slice(0, 100)) : aliceAccounts[random.int(aliceAccounts.length)]!.id });
      if (target.route.includes('[...nextauth]')) base = `/api/auth/${pick(['callback/oidc', 'signin', 'session', 'csrf', 'callback/x', encodeURIComponent(malformedFieldValue(random).slice(0, 80)), 'a/b/c/d'])}`;
      const query = new URLSearchParams();
      for (const key of ['from', 'to', 'q', 'category', 'page', 'min', 'max', 'next', 'reason', 'state', 'code', 'error', 'iss', randomPrintable(random, 6)]) {
        if (random.int(3) === 0) query.append(key, malformedFieldValue(random).slice(0, 500));
      }
      const rawTail = pick(['', '', '', '&%', '&x=%zz', '&=', '&&&']);
      const path = `${base}?${query}${rawTail}`;
      const method = n % 3 === 0 ? 'GET' : pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
      if (method === 'GET' || method === 'HEAD') return { path, init: { method } };
      const body = pick<() => { type?: string; body: BodyInit }>([
        () => ({ type: 'application/x-www-form-urlencoded', body: `reason=${encodeURIComponent(malformedFieldValue(random).slice(0, 1000))}&%zz=1` }),
        () => ({ type: 'application/json', body: pick(['{', '[]', '{"reason":{"$ne":1}}', JSON.stringify({ a: malformedFieldValue(random) })]) }),
        () => ({ type: `multipart/form-data; boundary=${randomPrintable(random, 8)}`, body: randomPrintable(random, 300) }),
        () => ({ body: new Uint8Array(random.bytes(random.int(2000))) }),
      ])();
      return { path, init: { method, headers: body.type ? { 'content-type': body.type } : {}, body: body.body } };
    }

    const gate = new Gate();
    const submissionStarted = Date.now();
    const tasks = Array.from({ length: submissionCount }, (_, n) => async () => {
      const target = targets[n % targets.length]!;
      const label = labelOf(target);
      const entry = stats.get(label) ?? { sent: 0, serverErrors: 0, statuses: new Map() };
      stats.set(label, entry);
      const { path: requestPath, init } = target.kind === 'action' ? actionRequest(target, Math.floor(n / targets.length)) : routeRequest(target, Math.floor(n / targets.length));
      // Signed-in forms as alice; sign-in forms anonymously (the code step as bob halfway in); routes both ways.
      const slot = n % aliceClients.length;
      const authed = target.kind === 'action' ? target.needsSession : random.int(2) === 0 && !(target.route === '/logout');
      let client: HttpClient = authed ? aliceClients[slot]! : new HttpClient(server.baseURL);
      if (target.kind === 'action' && target.pagePath === '/login/mfa') client = await gate.shared(() => bobAtCodeStep());
      let response: HttpResponse;
      try {
        response = await gate.shared(() => client.request(requestPath, init));
      } catch (error) {
        entry.serverErrors++;
        incidents.push({ what: label, status: 0, detail: String(error).slice(0, 200) });
        return;
      }
      entry.sent++;
      entry.statuses.set(response.status, (entry.statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) {
        entry.serverErrors++;
        if (incidents.length < 30) incidents.push({ what: `${label} ${init.method} ${requestPath.slice(0, 80)}`, status: response.status, detail: response.body.slice(0, 200) });
      }
      if (!authed && hasSessionCookie(response)) anonymousSessions++;
      // Failed re-authentications lock alice and end her sessions by design: carry on signed in.
      if (authed && (response.status === 401 || /\/login(\?|$)/.test(response.location ?? '') || response.headers.get('x-action-redirect')?.startsWith('/login'))) {
        aliceClients[slot] = await gate.alone(() => mintAlice());
        reminted++;
      }
    });
    await runPool(tasks, Number(args.concurrency));
    const submissionMs = Date.now() - submissionStarted;
    const sent = [...stats.values()].reduce((sum, s) => sum + s.sent, 0);
    const serverErrors = [...stats.values()].reduce((sum, s) => sum + s.serverErrors, 0);
    log(`submissions: ${sent} in ${formatDuration(submissionMs)} (alice's session re-issued ${reminted}× after lock-outs and sign-outs it caused)`);
    goals.push({ goal: `malformed submissions sent, over ${actions.length} Server Actions and ${routes.length} route handlers`, target: `${submissionCount}`, actual: sent, met: sent >= submissionCount });
    const uncovered = targets.filter((t) => (stats.get(labelOf(t))?.sent ?? 0) === 0).map(labelOf);
    goals.push({ goal: 'every Server Action and route handler reached', target: `${targets.length} of ${targets.length}`, actual: `${targets.length - uncovered.length} of ${targets.length}${uncovered.length ? ` (missing: ${uncovered.join(', ')})` : ''}`, met: uncovered.length === 0 });
    goals.push({ goal: 'submissions: responses ≥ 500', target: '0', actual: serverErrors, met: serverErrors === 0 });
    goals.push({ goal: 'submissions: anonymous ones handed a session', target: '0', actual: anonymousSessions, met: anonymousSessions === 0 });

    // Afterwards: healthy?
    const health = await anonymous.request('/api/health', { headers: { cookie: '' } });
    const check = await (await mintAlice()).request('/api/accounts');
    const healthy = health.status === 200 && check.status === 200 && server.child.exitCode === null;
    goals.push({ goal: 'server healthy afterwards (health 200, a valid session works, process up)', target: 'yes', actual: healthy ? 'yes' : `health ${health.status}, session ${check.status}, exit ${server.child.exitCode}`, met: healthy });
    failed = goals.some((g) => !g.met);

    const perTarget = [...stats.entries()].map(([label, s]) => `| ${label} | ${s.sent} | ${[...s.statuses.entries()].sort((a, b) => a[0] - b[0]).map(([status, count]) => `${status}×${count}`).join(' ')} |`);
    const report = [
      '## Fuzzing — cookies and malformed submissions',
      '',
      `\`npm run test:fuzz\`, ${utcStamp()}, on ${describeMachine()}.`,
      `A production build on SQLite; ${cookieStats.sent} cookie values in ${formatDuration(cookieMs)} (${Math.round(cookieStats.sent / (cookieMs / 1000))} req/s), ${sent} submissions in ${formatDuration(submissionMs)}, ${args.concurrency} in flight; ${formatDuration(Date.now() - started)} in all.`,
      '',
      goalTable(goals),
      '',
      '<details><summary>Responses per target</summary>',
      '',
      '| target | sent | statuses |',
      '|---|---|---|',
      ...perTarget,
      '',
      '</details>',
    ].join('\n');
    console.log(`\n${report}\n`);
    if (incidents.length > 0) {
      console.log('First incidents:');
      for (const i of incidents.slice(0, 20)) console.log(`  ${i.status}  ${i.what}  ${i.detail.replace(/\s+/g, ' ')}`);
    }
    if (!args['no-report']) writeBenchmarkSection('fuzz', report);
    log(failed ? 'FAILED: a goal was missed' : 'all goals met');
  } finally {
    await db.$disconnect();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`[fuzz] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
