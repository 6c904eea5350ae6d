// `npm run bench` — what the session check costs a user, measured end to end
// over HTTP against a production build on loopback, with baselines from the
// same run (absolute numbers vary by machine and load; ratios much less):
//   bare         a JSON route that middleware skips         (the baseline)
//   plain        the same route through middleware, no cookie
//   stateless    an iron-session app's gate: unseal in middleware and handler
//   session      middleware + getCurrentSession(): the revocable check
//   the peers, same middleware, their own tables in the same database (./peers/, ADR 034):
//   better-auth  Better Auth's getSession, cookie cache off (revocable)
//   better-auth-cached   the same with its cookie cache on (revocation delayed up to 5 min)
//   authjs       Auth.js auth(), database strategy, @auth/prisma-adapter
//   and the app's own routes: /api/accounts, /login, /dashboard, /accounts/[id], /transfers/new.
// The probe routes exist only in the benchmark build (.next-bench; app/bench/README.md).
// Rounds are interleaved (every route once per round, order rotated), so load
// from elsewhere hits all routes alike; each ratio is the median of per-round ratios.
// Database statements are counted from the app's own Prisma query events
// (tools/bench/serve-counting.ts). Then validateSessionToken at 1,000,000
// rows on SQLite and PostgreSQL (./session-rows.ts). Prints the table, judges
// the goals (docs/decisions/023-one-read-session-check.md) and writes
// docs/benchmarks.md. Load generator: wrk (apt-get install wrk / brew install wrk).
//
//   npm run bench
//   npm run bench -- --rounds 5 --duration 10s --connections 10 --database postgresql
//   npm run bench -- --skip-scale --no-report
//   npm run bench -- --profile /dashboard        (a CPU profile of the server while wrk drives that route)
//   npm run bench -- --only login,dashboard --skip-scale --no-report     (baselines + those routes)
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sealData } from 'iron-session';
import { parseEnv } from '../../lib/config/env-schema.ts';
import { parseDuration } from '../../lib/config/duration.ts';
import { createDbClient } from '../../lib/db/client.ts';
import type { StatementCounts } from '../../test/statements.ts';
import { createSessionStore } from '../../lib/session/store.ts';
import { policyFromEnv } from '../../lib/session/policy.ts';
import { createSessionSealer } from '../../lib/session/seal.ts';
import { seedDatabase } from '../../prisma/seed/seed-database.ts';
import { ensureProductionBuild, findFreePort, startAppServer, type AppServer } from '../lib/app-server.ts';
import { describeMachine, writeBenchmarkSection } from '../lib/benchmarks-doc.ts';
import { migrateDeploy } from '../../scripts/lib/database.ts';
import { projectRoot } from '../../scripts/lib/process.ts';
import { processTreeCpuMs } from '../lib/process-cpu.ts';
import { createThrowawayPostgresDatabase, createThrowawaySqliteDatabase } from '../lib/throwaway-database.ts';
import { COOKIE_CACHE_MAX_AGE_SECONDS } from './peers/better-auth.ts';
import { seedPeers, type PeerCookies } from './peers/seed.ts';
import { measureValidationAtScale, type ScaleResult } from './session-rows.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '3s' },
    connections: { type: 'string', default: '10' },
    'skip-scale': { type: 'boolean', default: false },
    'no-report': { type: 'boolean', default: false },
    profile: { type: 'string' },
    /** Only these probes (keys, comma-separated) besides the two baselines: a quick look while working. */
    only: { type: 'string' },
  },
});
const log = (line: string) => console.log(`[bench] ${line}`);
const provider = args.database === 'postgresql' ? 'postgresql' : 'sqlite';
const rounds = Number(args.rounds);
const roundSeconds = Math.max(1, Math.round((parseDuration(args.duration) ?? 5_000) / 1000));
const connections = Number(args.connections);
const SESSION_COOKIE = '__Host-session';
const STATELESS_COOKIE = 'bench-stateless';

type Credential = 'none' | 'session' | 'stateless' | 'better-auth' | 'better-auth-cached' | 'authjs';
type Probe = { key: string; label: string; path: string; credential: Credential };
type WrkResult = { rps: number; p50Ms: number; p99Ms: number; requests: number; errors: number };
/** A wrk run plus the server's CPU time per request during it (Linux; NaN elsewhere). */
type Measured = WrkResult & { cpuMsPerRequest: number };

function requireWrk(): void {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    console.error('[bench] wrk is not installed. It is the load generator (a small C program, so it takes little CPU from the server):');
    console.error('          Debian/Ubuntu: sudo apt-get install -y wrk     macOS: brew install wrk     others: https://github.com/wg/wrk');
    process.exit(1);
  }
}

function parseLatencyMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}

/** One wrk run: 1 thread, `connections` connections, `seconds` long. */
function runWrk(url: string, cookie: string | null, seconds: number): Promise<WrkResult> {
  const wrkArgs = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...(cookie ? ['-H', `Cookie: ${cookie}`] : []), url];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', wrkArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
      const p50Ms = parseLatencyMs(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? '');
      const p99Ms = parseLatencyMs(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '');
      const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
      const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
      if (!Number.isFinite(rps)) return reject(new Error(`could not read wrk's output:\n${out}`));
      resolve({ rps, p50Ms, p99Ms, requests, errors });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Counter = { reset: () => Promise<void>; read: () => Promise<StatementCounts & { statements: string[] }> };

function counterAt(port: number): Counter {
  const base = `http://127.0.0.1:${port}`;
  return {
    reset: async () => void (await fetch(`${base}/reset`, { method: 'POST' })).arrayBuffer(),
    read: async () => (await fetch(`${base}/counts`)).json() as Promise<StatementCounts & { statements: string[] }>,
  };
}

/** Statements per request for `path`, from `count` sequential requests after a warm-up. */
async function countStatements(server: AppServer, counter: Counter, path: string, cookie: string | null, count = 100) {
  const get = async () => {
    const response = await fetch(`${server.baseURL}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status} while counting statements`);
  };
  for (let i = 0; i < 5; i++) await get();
  await counter.reset();
  for (let i = 0; i < count; i++) await get();
  const counts = await counter.read();
  return { reads: counts.read / count, writes: counts.write / count, statements: counts.statements };
}

async function prepareDatabase() {
  return provider === 'sqlite' ? createThrowawaySqliteDatabase('bench') : createThrowawayPostgresDatabase('bench_strongroom_http');
}

async function main(): Promise<void> {
  requireWrk();
  const database = await prepareDatabase();
  const secret = crypto.randomBytes(32).toString('base64url');
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    SESSION_SECRETS: `1:${secret}`,
    STRONGROOM_BENCH_BUILD: '1',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const config = parseEnv(env);
  const policy = policyFromEnv(config);
  const counterPort = await findFreePort();
  const startedAt = Date.now();
  const peerSecret = crypto.randomBytes(32).toString('base64url');
  let server: AppServer | undefined;
  let closePeers: (() => Promise<void>) | undefined;
  try {
    await migrateDeploy(database.url, { quiet: true });
    const db = createDbClient(database.url);
    await seedDatabase(db, { keyMap: config.SESSION_SECRETS, now: new Date() });
    const user = await db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
    const account = await db.bankAccount.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } });
    const engine = createSessionStore(db, policy);
    const sealer = createSessionSealer({ keys: config.SESSION_SECRETS, ttlMs: policy.absoluteTimeoutMs + 60_000 });
    const now = new Date();
    // mfaVerified: as after the TOTP step, whether or not the demo user has TOTP.
    const { token } = await engine.createSession(user.id, { mfaVerified: true, context: { ipAddress: '127.0.0.1', userAgent: 'wrk' }, now });
    const sessionCookie = `${SESSION_COOKIE}=${await sealer.sealSessionToken(token, now)}`;
    const statelessCookie = `${STATELESS_COOKIE}=${await sealData({ userId: user.id }, { password: config.SESSION_SECRETS, ttl: 43_200 })}`;
    await db.$disconnect();
    const peers = await seedPeers(database.url, provider, peerSecret);
    closePeers = peers.close;
    const cookieFor = cookieSource(sessionCookie, statelessCookie, peers.cookies);

    const allProbes: Probe[] = [
      { key: 'bare', label: 'bare JSON route, no middleware', path: '/bench/bare', credential: 'none' },
      { key: 'plain', label: 'same route through the middleware, no cookie', path: '/bench/plain', credential: 'none' },
      { key: 'stateless', label: 'stateless iron-session (unseal in middleware + handler)', path: '/bench/stateless', credential: 'stateless' },
      { key: 'session', label: 'middleware + `getCurrentSession()` (revocable)', path: '/bench/session', credential: 'session' },
      { key: 'better-auth', label: 'Better Auth `getSession`, cookie cache off (revocable)', path: '/bench/better-auth', credential: 'better-auth' },
      { key: 'better-auth-cached', label: `Better Auth \`getSession\`, cookie cache on (a revoked session works up to ${COOKIE_CACHE_MAX_AGE_SECONDS / 60} min)`, path: '/bench/better-auth-cached', credential: 'better-auth-cached' },
      { key: 'authjs', label: 'Auth.js `auth()`, database strategy (Prisma adapter)', path: '/bench/authjs', credential: 'authjs' },
      { key: 'accounts', label: '`/api/accounts`', path: '/api/accounts', credential: 'session' },
      { key: 'login', label: '`/login` page (signed out)', path: '/login', credential: 'none' },
      { key: 'dashboard', label: '`/dashboard` page', path: '/dashboard', credential: 'session' },
      { key: 'account', label: '`/accounts/[id]` page', path: `/accounts/${account.id}`, credential: 'session' },
      { key: 'transfer', label: '`/transfers/new` page', path: '/transfers/new', credential: 'session' },
    ];
    const probes = allProbes.filter((p) => !args.only || ['bare', 'plain', ...args.only.split(',')].includes(p.key));
    const peerProbes = probes.filter((p) => PEERS.some((peer) => peer.key === p.key));

    await ensureProductionBuild(env, log, '.next-bench');
    const profileDir = args.profile ? fs.mkdtempSync(path.join(projectRoot, '.tmp', 'bench-profile-')) : undefined;
    server = await startAppServer({
      env: { ...env, BENCH_COUNTER_PORT: String(counterPort), BENCH_PEER_SECRET: peerSecret },
      entry: 'tools/bench/serve-counting.ts',
      nodeOptions: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    const counter = counterAt(counterPort);
    log(`${server.baseURL}, ${provider}, ${rounds} rounds × ${probes.length} routes × ${roundSeconds} s, wrk -t1 -c${connections}`);

    for (const probe of probes) {
      const cookie = await cookieFor(probe.credential);
      const response = await fetch(`${server.baseURL}${probe.path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${probe.path} answered ${response.status}, not 200 — is the benchmark build current?`);
    }

    if (args.profile) {
      const probe = probes.find((p) => p.path === args.profile || p.key === args.profile) ?? probes.find((p) => p.key === 'dashboard')!;
      log(`profiling ${probe.path} for ${roundSeconds * 2} s`);
      await runWrk(`${server.baseURL}${probe.path}`, await cookieFor(probe.credential), roundSeconds * 2);
      await server.stop();
      server = undefined;
      const profiles = fs.readdirSync(profileDir!).map((f) => path.join(profileDir!, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
      log(`CPU profile: ${profiles[0]} (open in Chrome DevTools → Performance, or summarise with tools/bench/profile-summary.ts)`);
      return;
    }

    // Statements, counted from the SQL the app's Prisma client sent.
    const sessionStatements = await countStatements(server, counter, '/bench/session', sessionCookie);
    const pageStatements = {
      accounts: await countStatements(server, counter, '/api/accounts', sessionCookie, 20),
      dashboard: await countStatements(server, counter, '/dashboard', sessionCookie, 20),
      account: await countStatements(server, counter, `/accounts/${account.id}`, sessionCookie, 20),
    };
    log(`statements per request — session check: ${sessionStatements.reads} reads, ${sessionStatements.writes} writes`);
    const peerStatements = new Map<string, { reads: number; writes: number }>();
    for (const probe of peerProbes) peerStatements.set(probe.key, await countStatements(server, counter, probe.path, await cookieFor(probe.credential)));

    // Warm-up (JIT, caches), then the interleaved rounds with writes counted throughout.
    for (const probe of probes) await runWrk(`${server.baseURL}${probe.path}`, await cookieFor(probe.credential), 1);
    await counter.reset();
    const loadStartedAt = Date.now();
    const results = new Map<string, Measured[]>(probes.map((p) => [p.key, []]));
    const serverPid = server.child.pid!;
    for (let round = 0; round < rounds; round++) {
      const order = probes.map((_, i) => probes[(i + round) % probes.length]!);
      for (const probe of order) {
        const cookie = await cookieFor(probe.credential);
        const cpuBefore = processTreeCpuMs(serverPid);
        const result = await runWrk(`${server.baseURL}${probe.path}`, cookie, roundSeconds);
        const cpuAfter = processTreeCpuMs(serverPid);
        const cpuMsPerRequest = cpuBefore === null || cpuAfter === null ? Number.NaN : (cpuAfter - cpuBefore) / result.requests;
        results.get(probe.key)!.push({ ...result, cpuMsPerRequest });
      }
      log(`round ${round + 1}/${rounds}: ${probes.map((p) => `${p.key} ${Math.round(results.get(p.key)!.at(-1)!.rps)}`).join(', ')} req/s`);
    }
    const loadSeconds = (Date.now() - loadStartedAt) / 1000;
    const duringLoad = await counter.read();
    await server.stop();
    server = undefined;

    const scale: ScaleResult[] = [];
    if (!args['skip-scale']) {
      for (const p of ['sqlite', 'postgresql'] as const) {
        log(`validateSessionToken with 1,000,000 session rows on ${p}`);
        scale.push(await measureValidationAtScale(p, { log }));
      }
    }

    const report = buildReport({ probes, results, sessionStatements, peerStatements, pageStatements, duringLoad, loadSeconds, scale, touchIntervalMs: policy.touchIntervalMs, startedAt });
    console.log(`\n${report.markdown}\n`);
    if (!args['no-report']) writeBenchmarkSection(`bench-http-${provider}`, report.markdown);
    log(report.missed === 0 ? 'all goals met' : `${report.missed} goal(s) missed — see the table`);
  } finally {
    await server?.stop();
    await closePeers?.();
    await database.cleanup();
  }
}

/** The peers and the ratio of our revocable check to each that the goals ask for (ADR 034). */
const PEERS = [
  { key: 'better-auth', name: 'Better Auth, cookie cache off (revocable)', target: 1.3 },
  { key: 'authjs', name: 'Auth.js, database session', target: 1.3 },
  { key: 'better-auth-cached', name: `Better Auth, cookie cache on (not revocable for up to ${COOKIE_CACHE_MAX_AGE_SECONDS / 60} min)`, target: 1.0 },
] as const;

/**
 * The Cookie header for a credential. Better Auth's cookie-cache cookie is valid for
 * COOKIE_CACHE_MAX_AGE_SECONDS; a browser gets a new one from the response once it
 * lapses, wrk cannot, so it is minted afresh when half its life is gone.
 */
function cookieSource(sessionCookie: string, statelessCookie: string, peers: PeerCookies) {
  let cached: { cookie: string; mintedAt: number } | undefined;
  return async (credential: Credential): Promise<string | null> => {
    switch (credential) {
      case 'none':
        return null;
      case 'session':
        return sessionCookie;
      case 'stateless':
        return statelessCookie;
      case 'better-auth':
        return peers.betterAuth;
      case 'authjs':
        return peers.authJs;
      case 'better-auth-cached':
        if (!cached || Date.now() - cached.mintedAt > (COOKIE_CACHE_MAX_AGE_SECONDS * 1000) / 2) cached = { cookie: await peers.mintBetterAuthCached(), mintedAt: Date.now() };
        return cached.cookie;
    }
  };
}

type ReportInput = {
  probes: Probe[];
  results: Map<string, Measured[]>;
  sessionStatements: { reads: number; writes: number; statements: string[] };
  peerStatements: Map<string, { reads: number; writes: number }>;
  pageStatements: Record<'accounts' | 'dashboard' | 'account', { reads: number; writes: number }>;
  duringLoad: StatementCounts;
  loadSeconds: number;
  scale: ScaleResult[];
  touchIntervalMs: number;
  startedAt: number;
};

function buildReport(input: ReportInput): { markdown: string; missed: number } {
  const { probes, results } = input;
  const rps = (key: string) => results.get(key)?.map((r) => r.rps) ?? [Number.NaN];
  /** Median over rounds of the per-round ratio a ÷ b (both measured in the same round). */
  const ratio = (a: string, b: string) => median(rps(a).map((value, i) => value / rps(b)[i]!));
  const fixed = (n: number, digits = 2) => n.toFixed(digits);
  const cpu = (key: string) => median(results.get(key)?.map((r) => r.cpuMsPerRequest) ?? [Number.NaN]);
  /** The same ratio judged by server CPU per request (b's cost ÷ a's): what req/s would show on an idle machine. */
  const cpuRatio = (a: string, b: string) => cpu(b) / cpu(a);

  const rows = probes.map((probe) => {
    const runs = results.get(probe.key)!;
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    return `| ${probe.label} | ${Math.round(median(rps(probe.key)))} | ${fixed(median(runs.map((r) => r.p50Ms)))} ms | ${fixed(median(runs.map((r) => r.p99Ms)))} ms | ${fixed(ratio(probe.key, 'bare'))} | ${fixed(ratio(probe.key, 'plain'))} | ${fixed(cpu(probe.key))} ms | ${fixed(cpuRatio(probe.key, 'bare'))} |${errors ? ` ${errors} errors` : ''}`;
  });

  // ≤ 1 lastSeenAt write per session per touch interval: one session drove all the authenticated load.
  const allowedTouches = Math.ceil((input.loadSeconds * 1000) / input.touchIntervalMs) + 1;
  const byCpu = (a: string, b: string) => ` (by CPU: ${fixed(cpuRatio(a, b))})`;
  const goals: { goal: string; target: string; measured: string; met: boolean }[] = [
    { goal: 'revocable check ÷ middleware-only route', target: '≥ 0.90', measured: fixed(ratio('session', 'plain')) + byCpu('session', 'plain'), met: ratio('session', 'plain') >= 0.9 },
    { goal: 'revocable check ÷ stateless iron-session', target: '≥ 1.6', measured: fixed(ratio('session', 'stateless')) + byCpu('session', 'stateless'), met: ratio('session', 'stateless') >= 1.6 },
    {
      goal: 'database reads per authenticated request (session check)',
      target: '1',
      measured: fixed(input.sessionStatements.reads),
      met: input.sessionStatements.reads === 1,
    },
    {
      goal: `session writes during the load (${Math.round(input.loadSeconds)} s, one session, touch interval ${input.touchIntervalMs / 1000} s)`,
      target: `≤ ${allowedTouches}`,
      measured: String(input.duringLoad.sessionWrites),
      met: input.duringLoad.sessionWrites <= allowedTouches,
    },
    { goal: '`/dashboard` ÷ `/login`', target: '≥ 0.60', measured: fixed(ratio('dashboard', 'login')) + byCpu('dashboard', 'login'), met: ratio('dashboard', 'login') >= 0.6 },
    // Judged by CPU (ADR 036): the account page costs no more than the dashboard.
    ...(results.has('account') && results.has('dashboard')
      ? [
          {
            goal: '`/accounts/[id]` server CPU per request ÷ `/dashboard`',
            target: '≤ 1.00',
            measured: `${fixed(cpu('account') / cpu('dashboard'))} (req/s \`/dashboard\` ÷ \`/accounts/[id]\`: ${fixed(ratio('dashboard', 'account'))})`,
            met: cpu('account') / cpu('dashboard') <= 1,
          },
        ]
      : []),
    ...PEERS.filter((peer) => results.has(peer.key)).map((peer) => ({
      goal: `revocable check ÷ ${peer.name}`,
      target: `≥ ${fixed(peer.target, 1)}`,
      measured: `${fixed(ratio('session', peer.key))}${byCpu('session', peer.key)}, ${ratio('session', peer.key) >= peer.target ? 'met by' : 'missed by'} ${fixed(Math.abs(ratio('session', peer.key) / peer.target - 1) * 100, 0)} %`,
      met: ratio('session', peer.key) >= peer.target,
    })),
    ...input.scale.map((s) => ({
      goal: `validateSessionToken p99, ${s.rows.toLocaleString('en')} rows, ${s.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
      target: '< 2 ms',
      measured: `${fixed(s.p99Ms, 3)} ms (p50 ${fixed(s.p50Ms, 3)} ms)`,
      met: s.p99Ms < 2,
    })),
  ];
  const missed = goals.filter((g) => !g.met && !g.measured.startsWith('NaN')).length;
  const load = os.loadavg().map((n) => n.toFixed(1)).join(' / ');
  const markdown = [
    `## The session check over HTTP — ${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    '',
    `\`npm run bench${provider === 'postgresql' ? ' -- --database postgresql' : ''}\`, ${new Date(input.startedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC, on ${describeMachine()} (load average ${load} at the end).`,
    `Production build on loopback (the benchmark build: the app plus probe routes), wrk 1 thread × ${connections} connections, ${rounds} interleaved rounds × ${roundSeconds} s per route; req/s, p50 and p99 are medians over rounds, each ratio the median of per-round ratios.`,
    `Goals are judged on req/s; "server CPU / request" (the server process tree's CPU time during a route's run ÷ requests served) barely moves when other programs load the machine, so its ratios are the cross-check on a busy one.`,
    '',
    '| route | req/s | p50 | p99 | ÷ bare | ÷ middleware only | server CPU / request | ÷ bare by CPU |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Statements per request, counted from the app's Prisma query events: session check ${fixed(input.sessionStatements.reads)} reads / ${fixed(input.sessionStatements.writes)} writes; ` +
      `\`/api/accounts\` ${fixed(input.pageStatements.accounts.reads)} / ${fixed(input.pageStatements.accounts.writes)}; ` +
      `\`/dashboard\` ${fixed(input.pageStatements.dashboard.reads)} / ${fixed(input.pageStatements.dashboard.writes)}; ` +
      `\`/accounts/[id]\` ${fixed(input.pageStatements.account.reads)} / ${fixed(input.pageStatements.account.writes)}` +
      [...input.peerStatements].map(([key, c]) => `; ${probes.find((p) => p.key === key)!.label} ${fixed(c.reads)} / ${fixed(c.writes)}`).join('') +
      '.',
    '',
    '| goal | target | measured | |',
    '|---|---|---|---|',
    ...goals.map((g) => `| ${g.goal} | ${g.target} | ${g.measured} | ${g.met ? 'met' : '**missed**'} |`),
  ].join('\n');
  return { markdown, missed };
}

main().catch((error: unknown) => {
  console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
