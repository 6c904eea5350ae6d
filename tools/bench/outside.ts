// The session check measured from outside, the way a visitor with a load tool
// would: the benchmark build served by server.ts exactly as `npm start` serves
// it (no statement counting), alice signed in through the real /login form, wrk
// against the probe routes. The revocable route is driven by two clients:
//   browser   takes the cookie the gate sends when it rotates, as a browser does;
//   wrk-only  the sign-in cookie for the whole run: wrk ignores Set-Cookie, so once
//             that cookie is older than SESSION_ROTATION_INTERVAL every request is
//             due — the gate reads the row too, and later re-sends the secret.
// Rounds are interleaved; ratios are of total requests ÷ total time over all
// rounds, and of server CPU per request. Not `npm run bench` (that one is the
// reference, see docs/benchmarks.md): this reproduces an outside run.
//
//   npx tsx tools/bench/outside.ts --rotation-interval 40s --rotation-grace 4s --rounds 6 --duration 5s
//   npx tsx tools/bench/outside.ts --database postgresql
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { sealData } from 'iron-session';
import { parseDuration } from '../../lib/config/duration.ts';
import { parseEnv } from '../../lib/config/env-schema.ts';
import { ensureProductionBuild, startAppServer, type AppServer } from '../lib/app-server.ts';
import { migrateDeploy, seed } from '../../scripts/lib/database.ts';
import { HttpClient } from '../lib/http-client.ts';
import { processTreeCpuMs } from '../lib/process-cpu.ts';
import { createThrowawayPostgresDatabase, createThrowawaySqliteDatabase } from '../lib/throwaway-database.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '6' },
    duration: { type: 'string', default: '10s' },
    connections: { type: 'string', default: '10' },
    /** Shorter than the default 5 min to reach the due state within a short run. */
    'rotation-interval': { type: 'string' },
    'rotation-grace': { type: 'string' },
  },
});
const log = (line: string) => console.log(`[outside] ${line}`);
const roundMs = parseDuration(args.duration!) ?? 10_000;
const ALICE = { email: 'alice@example.com', password: 'correct-horse-battery-staple' };
const SESSION_COOKIE = '__Host-session';

type Client = { key: string; path: string; cookie: () => Promise<string | null> };
type Run = { requests: number; seconds: number; cpuMs: number; non2xx: number };

function wrk(url: string, cookie: string | null): Promise<{ requests: number; non2xx: number }> {
  const wrkArgs = ['-t1', `-c${args.connections}`, `-d${Math.round(roundMs / 1000)}s`, ...(cookie ? ['-H', `Cookie: ${cookie}`] : []), url];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', wrkArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => resolve({ requests: Number(/(\d+) requests in/.exec(out)?.[1]), non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) }));
  });
}

async function signIn(server: AppServer): Promise<HttpClient> {
  const browser = new HttpClient(server.baseURL);
  const { form } = await browser.formOn('/login');
  const signedIn = await browser.submit('/login', form, ALICE);
  if (signedIn.status !== 303 || !browser.cookies.has(SESSION_COOKIE)) throw new Error(`sign-in answered ${signedIn.status}`);
  return browser;
}

async function main(): Promise<void> {
  const database = args.database === 'postgresql' ? await createThrowawayPostgresDatabase('bench_strongroom_outside') : createThrowawaySqliteDatabase('bench-outside');
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    SESSION_SECRETS: `1:${crypto.randomBytes(32).toString('base64url')}`,
    STRONGROOM_BENCH_BUILD: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    ...(args['rotation-interval'] ? { SESSION_ROTATION_INTERVAL: args['rotation-interval'] } : {}),
    ...(args['rotation-grace'] ? { SESSION_ROTATION_GRACE: args['rotation-grace'] } : {}),
  };
  const config = parseEnv(env);
  let server: AppServer | undefined;
  try {
    await migrateDeploy(database.url, { quiet: true });
    await seed(database.url, { quiet: true, env: { ...process.env, ...env } });
    await ensureProductionBuild(env, log, '.next-bench');
    server = await startAppServer({ env });
    // Two sign-ins, two sessions: the wrk-only client's rotations must not touch the browser's.
    const browser = await signIn(server);
    const wrkOnly = (await signIn(server)).cookieHeader();
    const me = (await (await fetch(`${server.baseURL}/bench/session`, { headers: { cookie: browser.cookieHeader() } })).json()) as { userId: string };
    const stateless = `bench-stateless=${await sealData({ userId: me.userId }, { password: config.SESSION_SECRETS, ttl: 43_200 })}`;
    let browserCookieAt = Date.now();
    const startedAt = Date.now();
    /** As a browser: the cookie it holds; once it is due, one request takes the rotated one (never due mid-round). */
    const browserCookie = async () => {
      if (Date.now() - browserCookieAt + roundMs >= config.SESSION_ROTATION_INTERVAL) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, browserCookieAt + config.SESSION_ROTATION_INTERVAL - Date.now() + 50)));
        const response = await browser.request('/bench/session');
        if (!response.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))) throw new Error('a due cookie was not rotated');
        await browser.request('/bench/session'); // its first use confirms the new secret
        browserCookieAt = Date.now();
      }
      return browser.cookieHeader();
    };
    const clients: Client[] = [
      { key: 'bare', path: '/bench/bare', cookie: async () => null },
      { key: 'plain', path: '/bench/plain', cookie: async () => null },
      { key: 'stateless', path: '/bench/stateless', cookie: async () => stateless },
      { key: 'session (browser)', path: '/bench/session', cookie: browserCookie },
      { key: 'session (wrk-only cookie)', path: '/bench/session', cookie: async () => wrkOnly },
    ];
    const runs = new Map<string, Run[]>(clients.map((c) => [c.key, []]));
    const pid = server.child.pid!;
    log(`${server.baseURL}, ${args.database}, rotation interval ${config.SESSION_ROTATION_INTERVAL / 1000} s, ${args.rounds} rounds × ${clients.length} × ${roundMs / 1000} s, wrk -t1 -c${args.connections}`);
    for (const c of clients) await wrk(`${server.baseURL}${c.path}`, await c.cookie()); // warm-up
    for (let round = 0; round < Number(args.rounds); round++) {
      for (const c of clients.map((_, i) => clients[(i + round) % clients.length]!)) {
        const cookie = await c.cookie();
        const cpuBefore = processTreeCpuMs(pid) ?? Number.NaN;
        const began = Date.now();
        const result = await wrk(`${server.baseURL}${c.path}`, cookie);
        runs.get(c.key)!.push({ ...result, seconds: (Date.now() - began) / 1000, cpuMs: (processTreeCpuMs(pid) ?? Number.NaN) - cpuBefore });
      }
      const wrkOnlyAge = Math.round((Date.now() - startedAt) / 1000);
      log(`round ${round + 1}: ${clients.map((c) => `${c.key} ${Math.round(runs.get(c.key)!.at(-1)!.requests / runs.get(c.key)!.at(-1)!.seconds)}`).join(', ')} req/s; wrk-only cookie ${wrkOnlyAge} s old`);
    }
    const total = (key: string) => runs.get(key)!.reduce((sum, r) => ({ requests: sum.requests + r.requests, seconds: sum.seconds + r.seconds, cpuMs: sum.cpuMs + r.cpuMs, non2xx: sum.non2xx + r.non2xx }), { requests: 0, seconds: 0, cpuMs: 0, non2xx: 0 });
    const rps = (key: string) => total(key).requests / total(key).seconds;
    const cpu = (key: string) => total(key).cpuMs / total(key).requests;
    console.log('\n| client | req/s | server CPU / request | ÷ plain (req/s; CPU) | ÷ stateless (req/s; CPU) | non-2xx |\n|---|---|---|---|---|---|');
    for (const c of clients) {
      console.log(`| ${c.key} | ${Math.round(rps(c.key))} | ${cpu(c.key).toFixed(2)} ms | ${(rps(c.key) / rps('plain')).toFixed(2)}; ${(cpu('plain') / cpu(c.key)).toFixed(2)} | ${(rps(c.key) / rps('stateless')).toFixed(2)}; ${(cpu('stateless') / cpu(c.key)).toFixed(2)} | ${total(c.key).non2xx} |`);
    }
  } finally {
    await server?.stop();
    await database.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(`[outside] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
