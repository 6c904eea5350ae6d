// validateSessionToken's latency with a large sessions table: 1,000,000 rows
// bulk-inserted in one statement (copies of one real session row, so every
// column is in the format Prisma itself writes), then the engine validates
// randomly chosen ones through the app's own code path — the one-statement
// read of the session with its owner (ADR 023). Goal: p99 < 2 ms.
//   npx tsx tools/bench/session-rows.ts [--database sqlite|postgresql] [--rows 1000000] [--samples 5000]
// `npm run bench` runs it for both providers.
import { parseArgs } from 'node:util';
import { parseEnv } from '../../lib/config/env-schema.ts';
import { createDbClient, type Db } from '../../lib/db/client.ts';
import { createSessionStore } from '../../lib/session/store.ts';
import { policyFromEnv } from '../../lib/session/policy.ts';
import { hashSessionSecret } from '../../lib/session/token.ts';
import { migrateDeploy } from '../../scripts/lib/database.ts';
import { createThrowawayPostgresDatabase, createThrowawaySqliteDatabase } from '../lib/throwaway-database.ts';
import { percentile } from '../load/browsers.ts';

export type ScaleResult = { provider: 'sqlite' | 'postgresql'; rows: number; insertMs: number; samples: number; p50Ms: number; p99Ms: number; maxMs: number };

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456';

/** Copies the template session `rows - 1` times, ids `bench-00000001` …, in one INSERT … SELECT. */
async function bulkInsertSessions(db: Db, provider: ScaleResult['provider'], templateId: string, rows: number): Promise<void> {
  const columns = (await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Session" WHERE "id" = '${templateId}'`))[0]!;
  const others = Object.keys(columns).filter((c) => c !== 'id');
  const list = others.map((c) => `"${c}"`).join(', ');
  const copied = others.map((c) => `t."${c}"`).join(', ');
  const sql =
    provider === 'sqlite'
      ? `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows - 1})
         INSERT INTO "Session" ("id", ${list}) SELECT printf('bench-%08d', n.i), ${copied} FROM n, "Session" t WHERE t."id" = '${templateId}'`
      : `INSERT INTO "Session" ("id", ${list}) SELECT 'bench-' || lpad(n::text, 8, '0'), ${copied}
         FROM generate_series(1, ${rows - 1}) AS n, "Session" t WHERE t."id" = '${templateId}'`;
  await db.$executeRawUnsafe(sql);
  // A table in steady state, as a real one is: vacuumed and analysed now, so autovacuum
  // (which 1M fresh rows trigger) does not run through the measurement.
  if (provider === 'postgresql') await db.$executeRawUnsafe('VACUUM ANALYZE "Session"');
}

export async function measureValidationAtScale(
  provider: ScaleResult['provider'],
  options: { rows?: number; samples?: number; log?: (line: string) => void } = {},
): Promise<ScaleResult> {
  const rows = options.rows ?? 1_000_000;
  const samples = options.samples ?? 5_000;
  const log = options.log ?? (() => {});
  const database = provider === 'sqlite' ? createThrowawaySqliteDatabase('bench-rows') : await createThrowawayPostgresDatabase('bench_strongroom_rows');
  try {
    await migrateDeploy(database.url, { quiet: true });
    const db = createDbClient(database.url, { errorFormat: 'minimal' }); // as the app's client in production
    try {
      const policy = policyFromEnv(parseEnv({ SESSION_SECRETS: `1:${SECRET}` }));
      const store = createSessionStore(db, policy);
      const user = await db.user.create({ data: { email: 'rows@example.test', name: 'Rows', passwordHash: 'x' } });
      const now = new Date();
      await db.session.create({
        data: { id: 'bench-template-session', secretHash: hashSessionSecret(SECRET), secretConfirmedAt: now, userId: user.id, lastSeenAt: now, rotatedAt: now, authenticatedAt: now, createdAt: now },
      });
      const started = performance.now();
      await bulkInsertSessions(db, provider, 'bench-template-session', rows);
      const insertMs = performance.now() - started;
      log(`${provider}: ${rows.toLocaleString('en')} session rows in ${(insertMs / 1000).toFixed(1)} s`);

      const token = (i: number) => ({ id: `bench-${String(i).padStart(8, '0')}`, secret: SECRET });
      const pick = () => 1 + Math.floor(Math.random() * (rows - 1));
      for (let i = 0; i < 500; i++) await store.validateSessionToken(token(pick()), {}, new Date()); // warm up
      const timings: number[] = [];
      for (let i = 0; i < samples; i++) {
        const t = token(pick());
        const before = performance.now();
        const result = await store.validateSessionToken(t, {}, new Date());
        timings.push(performance.now() - before);
        if (result.kind !== 'accept' || result.rotate) throw new Error(`row ${t.id} did not validate: ${result.kind}`);
      }
      timings.sort((a, b) => a - b);
      return { provider, rows, insertMs, samples, p50Ms: percentile(timings, 50), p99Ms: percentile(timings, 99), maxMs: timings.at(-1) ?? 0 };
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { database: { type: 'string', default: 'sqlite' }, rows: { type: 'string', default: '1000000' }, samples: { type: 'string', default: '5000' } } });
  const provider = values.database === 'postgresql' ? 'postgresql' : 'sqlite';
  const result = await measureValidationAtScale(provider, { rows: Number(values.rows), samples: Number(values.samples), log: console.log });
  console.log(`validateSessionToken, ${result.rows.toLocaleString('en')} rows, ${provider}: p50 ${result.p50Ms.toFixed(3)} ms, p99 ${result.p99Ms.toFixed(3)} ms, max ${result.maxMs.toFixed(2)} ms (${result.samples} samples)`);
  console.log(`goal p99 < 2 ms: ${result.p99Ms < 2 ? 'met' : 'MISSED'}`);
}
