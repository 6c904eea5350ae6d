// `npm run test:load` — session rotation under a saturating load, the way
// browsers really race it (docs/decisions/016-rotation-rule.md):
//   100 browsers, each with 2 tabs sharing one cookie jar and 2 requests in
//   flight per tab, mixing pages and JSON routes for 60 s, against a production
//   build with rotation every 10 s and 3 s of grace — past saturation, so that
//   p99 latency exceeds the grace.
// Goals: 0 sign-outs, 0 reuse detections (every browser is honest — withheld
// rotations of ADR 029 included), 0 × 5xx, every session alive afterwards.
// Exits 1 on any miss; writes its figures to docs/benchmarks.md, one section
// per database and per with/without a CPU-burning neighbour.
//
//   npm run test:load
//   npm run test:load -- --database postgresql      (a throwaway PostgreSQL: scripts/postgres.sh)
//   npm run test:load -- --cluster                  (PostgreSQL, 2 instances behind nginx over HTTPS: tools/lib/cluster.ts)
//   npm run test:load -- --cpu-neighbour             (plus one CPU-burning process per core: tools/lib/cpu-neighbour.ts)
//   npm run test:load -- --neighbour 3               (… or that many)
//   npm run test:load -- --browsers 100 --duration 60s --in-flight 2 --rotation 10s --grace 3s
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { parseEnv } from '../../lib/config/env-schema.ts';
import { parseDuration } from '../../lib/config/duration.ts';
import { createDbClient, type Db } from '../../lib/db/client.ts';
import { createSessionStore } from '../../lib/session/store.ts';
import { policyFromEnv } from '../../lib/session/policy.ts';
import { createSessionSealer } from '../../lib/session/seal.ts';
import { ensureProductionBuild, findFreePort, startAppServer } from '../lib/app-server.ts';
import { startCluster } from '../lib/cluster.ts';
import { ensureClusterTls } from '../lib/tls.ts';
import { describeMachine, writeBenchmarkSection } from '../lib/benchmarks-doc.ts';
import { startCpuNeighbour, type CpuNeighbour } from '../lib/cpu-neighbour.ts';
import { goalTable, utcStamp, type Goal } from '../lib/goal-table.ts';
import { migrateDeploy } from '../../scripts/lib/database.ts';
import { createThrowawayPostgresDatabase, createThrowawaySqliteDatabase } from '../lib/throwaway-database.ts';
import { CookieJar, driveBrowsers, percentile, type DriveResult, type Route } from './browsers.ts';
import type { ServerTimings } from './serve-timed.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'sqlite' },
    cluster: { type: 'boolean', default: false },
    instances: { type: 'string', default: '2' },
    browsers: { type: 'string', default: '100' },
    tabs: { type: 'string', default: '2' },
    'in-flight': { type: 'string', default: '2' },
    duration: { type: 'string', default: '60s' },
    rotation: { type: 'string', default: '10s' },
    grace: { type: 'string', default: '3s' },
    'cpu-neighbour': { type: 'boolean', default: false },
    neighbour: { type: 'string' },
    'no-report': { type: 'boolean', default: false },
  },
});

const log = (line: string) => console.log(`[load] ${line}`);
// The cluster shares sessions through PostgreSQL; SQLite is one process's file.
const provider = args.database === 'postgresql' || args.cluster ? 'postgresql' : 'sqlite';
const instances = Number(args.instances);
const databaseName = args.cluster ? 'cluster_load' : 'strongroom_load';
const browsers = Number(args.browsers);
const durationMs = parseDuration(args.duration) ?? 60_000;
const graceMs = parseDuration(args.grace) ?? 3_000;
// One busy process per core saturates the machine the way another tenant would.
const neighbourProcesses = args.neighbour !== undefined ? Number(args.neighbour) : args['cpu-neighbour'] ? os.cpus().length : 0;
if (!Number.isInteger(neighbourProcesses) || neighbourProcesses < 0 || neighbourProcesses > 64) {
  console.error(`[load] --neighbour takes a count of processes (0–64), not "${args.neighbour}"`);
  process.exit(2);
}
const WARM_UP_MS = 2_000;
// The neighbour outlives the run only by this much if nothing stops it.
const NEIGHBOUR_MARGIN_MS = 30_000;
// Beyond the run's duration: requests time out after 60 s, checks take seconds.
const WATCHDOG_MS = 180_000;

const routes: Route[] = [
  { path: '/dashboard', kind: 'page' },
  { path: '/api/accounts', kind: 'json' },
  { path: '/transfers/new', kind: 'page' },
  { path: '/api/session', kind: 'json' },
  { path: '/security', kind: 'page' },
  { path: '/api/accounts', kind: 'json' },
];

/** A fresh database for this run; PostgreSQL on the throwaway server (started if need be). */
async function prepareDatabase(): Promise<{ url: string; cleanup: () => Promise<void> }> {
  if (provider === 'sqlite') return createThrowawaySqliteDatabase('load');
  return createThrowawayPostgresDatabase(databaseName);
}

/** One user with one account and one signed-in session per browser. */
async function createBrowsers(db: Db, env: Record<string, string>): Promise<CookieJar[]> {
  const config = parseEnv(env);
  const policy = policyFromEnv(config);
  const store = createSessionStore(db, policy);
  const sealer = createSessionSealer({ keys: config.SESSION_SECRETS, ttlMs: policy.absoluteTimeoutMs + 60_000 });
  const jars: CookieJar[] = [];
  for (let i = 0; i < browsers; i++) {
    const user = await db.user.create({ data: { email: `load-${i}@example.test`, name: `Load ${i}`, passwordHash: 'not-a-hash', emailVerifiedAt: new Date() } });
    await db.bankAccount.create({ data: { userId: user.id, name: 'Everyday', kind: 'checking', iban: `XX00LOAD${String(i).padStart(10, '0')}`, balanceMinor: 100_00 } });
    const now = new Date();
    const { token } = await store.createSession(user.id, { mfaVerified: false, context: { ipAddress: '127.0.0.1', userAgent: 'load-test' }, now });
    jars.push(new CookieJar(await sealer.sealSessionToken(token, now)));
  }
  return jars;
}

async function countEvents(db: Db, type: string): Promise<number> {
  return db.auditEvent.count({ where: { type } });
}

/** Reuse detections by their signal (decide.ts's TheftSignal, stored in the detail). */
async function countReuseBySignal(db: Db): Promise<Record<string, number>> {
  const detections = await db.auditEvent.findMany({ where: { type: 'session.reuse_detected' }, select: { detail: true } });
  const bySignal: Record<string, number> = {};
  for (const { detail } of detections) {
    const signal = String((JSON.parse(detail ?? '{}') as { signal?: unknown }).signal ?? 'unknown');
    bySignal[signal] = (bySignal[signal] ?? 0) + 1;
  }
  return bySignal;
}

/** Where the time went: the client's latency against the time inside the server. */
function describeWaits(clientMs: number[], run: Pick<DriveResult, 'unsentMs' | 'headersMs' | 'writtenAt' | 'clientLoopDelayMs'>, timings: ServerTimings): string {
  const inServer = [...timings.inServerMs].sort((a, b) => a - b);
  const transit = [...run.writtenAt].flatMap(([id, at]) => (timings.handedOverAt[id] === undefined ? [] : [timings.handedOverAt[id]! - at])).sort((a, b) => a - b);
  const row = (what: string, ms: number[]) => `| ${what} | ${percentile(ms, 50)} ms | ${percentile(ms, 99)} ms | ${ms.at(-1) ?? 0} ms |`;
  const loop = timings.loopDelayMs;
  return [
    '| where a request waited | p50 | p99 | max |',
    '|---|---|---|---|',
    row('client: fetch() called (cookie read) → headers written to the socket', [...run.unsentMs].sort((a, b) => a - b)),
    row('headers written by the client → handed to the server (socket, kernel, accept)', transit),
    row('client: fetch() called → response headers received (cookie taken)', [...run.headersMs].sort((a, b) => a - b)),
    row('client: fetch() called → last byte received', clientMs),
    row('server: handed to server.ts (arrival stamp) → last byte written or client gone', inServer),
    `| server event-loop delay (bounds a wait in the socket before the stamp) | ${loop.p50} ms | ${loop.p99} ms | ${loop.max} ms |`,
    `| load generator's event-loop delay (takes responses, and their cookies, late) | ${run.clientLoopDelayMs.p50} ms | ${run.clientLoopDelayMs.p99} ms | ${run.clientLoopDelayMs.max} ms |`,
  ].join('\n');
}

/** The command line that reproduces this run, for the report. */
function describeCommand(): string {
  const defaults: Record<string, string> = { instances: '2', browsers: '100', tabs: '2', 'in-flight': '1', duration: '60s', rotation: '10s', grace: '3s' };
  const flags = [
    ...(args.cluster ? ['--cluster'] : provider === 'postgresql' ? ['--database postgresql'] : []),
    ...(args.neighbour !== undefined ? [`--neighbour ${args.neighbour}`] : args['cpu-neighbour'] ? ['--cpu-neighbour'] : []),
    ...Object.entries(defaults).flatMap(([name, value]) => (args[name as keyof typeof args] === value ? [] : [`--${name} ${String(args[name as keyof typeof args])}`])),
  ];
  return `npm run test:load${flags.length > 0 ? ` -- ${flags.join(' ')}` : ''}`;
}

/** For a miss: each detection with its session's rotations, so the interleaving can be read. */
async function printReuseTimeline(db: Db): Promise<void> {
  const detections = await db.auditEvent.findMany({ where: { type: 'session.reuse_detected' }, take: 5 });
  for (const detection of detections) {
    const events = await db.auditEvent.findMany({ where: { sessionId: detection.sessionId }, orderBy: { createdAt: 'asc' } });
    console.log(`reuse detected on session ${detection.sessionId}:`);
    for (const e of events) console.log(`  ${e.createdAt.toISOString()}  ${e.type}  ${e.detail ?? ''}`);
  }
}

/** The cluster (tools/lib/cluster.ts) as the load's target: nginx's HTTPS URL. */
async function startLoadCluster(env: Record<string, string>): Promise<{ baseURL: string; stop: () => Promise<void> }> {
  // Access logging would cost CPU the instances need; nothing reads it here.
  const cluster = await startCluster({ instances, env, accessLog: false });
  return { baseURL: cluster.url, stop: cluster.stop };
}

/** One server whose timings (tools/load/serve-timed.ts) say where a slow request waited. */
async function startTimedServer(env: Record<string, string>): Promise<{ baseURL: string; stop: () => Promise<void>; timings: (reset?: boolean) => Promise<ServerTimings> }> {
  const timingPort = await findFreePort();
  const server = await startAppServer({ env: { ...env, LOAD_TIMING_PORT: String(timingPort) }, entry: 'tools/load/serve-timed.ts' });
  const timings = async (reset = false) => (await (await fetch(`http://127.0.0.1:${timingPort}/`, { method: reset ? 'POST' : 'GET' })).json()) as ServerTimings;
  return { baseURL: server.baseURL, stop: server.stop, timings };
}

/**
 * Node's fetch trusts extra CAs only from NODE_EXTRA_CA_CERTS, read at start: in
 * cluster mode, run this script again with it pointing at the cluster's CA.
 * Returns false when this process is the one that should do the work.
 */
function rerunTrustingClusterCa(): boolean {
  if (!args.cluster) return false;
  const { caCertificate } = ensureClusterTls();
  if (process.env.NODE_EXTRA_CA_CERTS === caCertificate) return false;
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertificate },
  });
  process.exit(child.status ?? 1);
}

async function main(): Promise<void> {
  if (rerunTrustingClusterCa()) return;
  const database = await prepareDatabase();
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    SESSION_SECRETS: `1:${crypto.randomBytes(32).toString('base64url')}`,
    SESSION_ROTATION_INTERVAL: args.rotation,
    SESSION_ROTATION_GRACE: args.grace,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  let failed = false;
  try {
    await migrateDeploy(database.url, { quiet: true });
    const db = createDbClient(database.url);
    const jars = await createBrowsers(db, env);
    await ensureProductionBuild(env, log);
    const server = args.cluster ? { ...(await startLoadCluster(env)), timings: undefined } : await startTimedServer(env);
    log(`${browsers} browsers × ${args.tabs} tabs × ${args['in-flight']} in flight on ${args.cluster ? `${instances} instances behind nginx, ` : ''}${provider}, ${args.duration}, rotation ${args.rotation}, grace ${args.grace}: ${server.baseURL}`);
    const loadAtStart = os.loadavg()[0]!.toFixed(2); // after the build, before any neighbour
    let neighbour: CpuNeighbour | undefined;
    // A run that hangs (once, on PostgreSQL, with nothing in flight) says where, and ends.
    let phase = 'warm-up';
    const watchdog = setTimeout(() => {
      console.error(`[load] stuck in phase "${phase}" ${(WATCHDOG_MS + durationMs) / 1000} s after the server started; giving up`);
      void Promise.allSettled([neighbour?.stop(), server.stop()]).finally(() => process.exit(1));
    }, WATCHDOG_MS + durationMs);
    try {
      if (neighbourProcesses > 0) {
        neighbour = startCpuNeighbour(neighbourProcesses, WARM_UP_MS + durationMs + NEIGHBOUR_MARGIN_MS);
        log(`CPU-burning neighbour: ${neighbourProcesses} busy process${neighbourProcesses === 1 ? '' : 'es'} on ${os.cpus().length} cores, for the run only`);
      }
      // Warm the server up (first renders compile caches), then the real run.
      await driveBrowsers({ baseURL: server.baseURL, jars: jars.slice(0, 2 * (args.cluster ? instances : 1)), tabsPerBrowser: 1, inFlightPerTab: 1, durationMs: WARM_UP_MS, routes });
      await server.timings?.(true);
      const runStartedAt = Date.now();
      phase = 'run';
      const before = { rotated: await countEvents(db, 'session.rotated'), resent: await countEvents(db, 'session.secret_resent') };
      const run = await driveBrowsers({
        baseURL: server.baseURL,
        jars,
        tabsPerBrowser: Number(args.tabs),
        inFlightPerTab: Number(args['in-flight']),
        durationMs,
        routes,
      });
      const runMs = Date.now() - runStartedAt;
      const neighbourCpuMs = (await neighbour?.stop()) ?? null;
      neighbour = undefined;
      const loadAtEnd = os.loadavg()[0]!.toFixed(2);
      const timings = await server.timings?.();

      // Afterwards: is every browser still signed in, and what did the server record?
      phase = 'checking sessions and audit events';
      const finals = await Promise.all(
        jars.map(async (jar) => (await fetch(`${server.baseURL}/api/accounts`, { headers: jar.header(), redirect: 'manual' })).status),
      );
      const alive = finals.filter((status) => status === 200).length;
      const reuse = await countEvents(db, 'session.reuse_detected');
      const reuseBySignal = await countReuseBySignal(db);
      const withheld = reuseBySignal['withheld-rotation'] ?? 0;
      if (reuse > 0) await printReuseTimeline(db);
      const revoked = await db.session.count({ where: { revokedAt: { not: null } } });
      const rotated = (await countEvents(db, 'session.rotated')) - before.rotated;
      const resent = (await countEvents(db, 'session.secret_resent')) - before.resent;
      await db.$disconnect();

      const sorted = [...run.latenciesMs].sort((a, b) => a - b);
      const total = sorted.length;
      const p = (q: number) => percentile(sorted, q);
      const signals = Object.entries(reuseBySignal).map(([signal, n]) => `${n} ${signal}`).join(', ');
      const goals: Goal[] = [
        { goal: 'sign-outs (redirects to /login, 401s)', target: '0', actual: run.counts['signed-out'], met: run.counts['signed-out'] === 0 },
        { goal: 'reuse detections (false alarms)', target: '0', actual: signals ? `${reuse} (${signals})` : reuse, met: reuse === 0 },
        { goal: 'withheld-rotation alarms (ADR 029)', target: '0', actual: withheld, met: withheld === 0 },
        { goal: 'sessions revoked', target: '0', actual: revoked, met: revoked === 0 },
        { goal: 'responses ≥ 500', target: '0', actual: run.counts['server-error'], met: run.counts['server-error'] === 0 },
        { goal: 'failed or timed-out requests', target: '0', actual: run.counts['network-error'], met: run.counts['network-error'] === 0 },
        { goal: 'other unexpected statuses', target: '0', actual: run.counts.unexpected, met: run.counts.unexpected === 0 },
        { goal: 'sessions alive afterwards', target: String(browsers), actual: alive, met: alive === browsers },
        { goal: `driven past saturation (p99 > grace ${graceMs} ms)`, target: `> ${graceMs} ms`, actual: `${p(99)} ms`, met: p(99) > graceMs },
        { goal: 'rotations happened', target: '> 0', actual: rotated, met: rotated > 0 },
      ];
      const served = Object.entries(run.byInstance).sort(([a], [b]) => a.localeCompare(b));
      if (args.cluster) {
        const share = served.map(([name, n]) => `${name} ${Math.round((100 * n) / Math.max(1, total))} %`).join(', ') || 'none';
        goals.push({ goal: 'every instance served (round robin)', target: `${instances} instances`, actual: share, met: served.length === instances && served.every(([, n]) => n > 0) });
      }
      failed = goals.some((g) => !g.met);

      const target = args.cluster ? `cluster: ${instances} instances behind nginx (HTTPS), PostgreSQL` : provider === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const cores = os.cpus().length;
      const report = [
        `## Rotation under load — ${target}${neighbourProcesses > 0 ? ', with a CPU-burning neighbour' : ''}`,
        '',
        `\`${describeCommand()}\`, ${utcStamp()}, on ${describeMachine()}.`,
        ...(args.cluster ? [`All of it on the same cores: ${instances} app instances, nginx (TLS, round robin) and PostgreSQL 15, plus the load generator itself.`] : []),
        ...(neighbourProcesses > 0
          ? [
              `CPU-burning neighbour: ${neighbourProcesses} busy-loop process${neighbourProcesses === 1 ? '' : 'es'} (\`tools/lib/cpu-neighbour.ts\`) competing for the ${cores} cores during the run` +
                (neighbourCpuMs === null ? '.' : `; they burnt ${(neighbourCpuMs / 1000).toFixed(1)} CPU-s, ${Math.round((100 * neighbourCpuMs) / ((WARM_UP_MS + runMs) * cores))} % of the machine.`),
            ]
          : []),
        `Load average (1 min; anything above 0 is other work sharing the machine): ${loadAtStart} when the run started, ${loadAtEnd} at its end.`,
        `${browsers} browsers × ${args.tabs} tabs sharing a cookie jar × ${args['in-flight']} requests in flight per tab, pages and JSON routes mixed, ${Math.round(durationMs / 1000)} s, rotation ${args.rotation}, grace ${args.grace}.`,
        '',
        `| requests | req/s | pages / JSON | p50 | p90 | p99 | max | rotations | secrets re-sent | stale secrets sent back (ADR 035) |`,
        `|---|---|---|---|---|---|---|---|---|---|`,
        `| ${total} | ${Math.round(total / (durationMs / 1000))} | ${run.byKind.page} / ${run.byKind.json} | ${p(50)} ms | ${p(90)} ms | ${p(99)} ms | ${sorted.at(-1) ?? 0} ms | ${rotated} | ${resent} | ${run.sentBack} |`,
        '',
        ...(timings ? [describeWaits(sorted, run, timings), ''] : []),
        goalTable(goals),
      ].join('\n');
      console.log(`\n${report}\n`);
      if (run.incidents.length > 0) {
        console.log('First incidents (ms since start, browser, path, outcome, status, location):');
        for (const i of run.incidents.slice(0, 15)) console.log(`  ${i.at}  #${i.browser}  ${i.path}  ${i.outcome}  ${i.status}  ${i.location ?? ''}`);
      }
      if (!args['no-report']) writeBenchmarkSection(`${args.cluster ? 'load-cluster' : `load-${provider}`}${neighbourProcesses > 0 ? '-neighbour' : ''}`, report);
      log(failed ? 'FAILED: a goal was missed' : 'all goals met');
    } finally {
      clearTimeout(watchdog);
      await neighbour?.stop();
      await server.stop();
    }
  } finally {
    await database.cleanup();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`[load] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
