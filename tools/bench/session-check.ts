// `npm run bench:sessions` — what one request's session check costs, as ratios
// against baselines measured in the same run (absolute numbers vary by machine;
// ratios do not). Compares, per simulated request:
//   stateless   iron-session's unsealData of a { userId } cookie — revocable? no
//   naive       unseal + DB lookup in middleware, then unseal + DB lookup again in the DAL
//   strongroom  what this app does: middleware's cached unseal + the DAL's one
//               validateSessionToken (cached unseal, one statement reading the
//               session with its owner, touch coalesced to once per interval)
//   user only   that user lookup alone — the floor any revocable check pays
// The design goal (DESIGN.md "Performance budget"): strongroom ≤ stateless.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sealData, unsealData } from 'iron-session';
import { createDbClient } from '../../lib/db/client.ts';
import { createSessionStore } from '../../lib/session/store.ts';
import { createSessionSealer } from '../../lib/session/seal.ts';
import { parseEnv } from '../../lib/config/env-schema.ts';
import { policyFromEnv } from '../../lib/session/policy.ts';
import { migrateDeploy } from '../../scripts/lib/database.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3000);
const password = { 1: 'bench-secret-bench-secret-bench-secret-0123' };
// The shipped defaults (15 min idle, 60 s touch interval, …).
const policy = policyFromEnv(parseEnv({ SESSION_SECRETS: `1:${password[1]}` }));

async function measure(name: string, fn: () => Promise<unknown>): Promise<{ name: string; usPerOp: number }> {
  for (let i = 0; i < Math.min(200, ITERATIONS / 10); i++) await fn(); // warm up (JIT, caches, connections)
  const started = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await fn();
  const usPerOp = Number(process.hrtime.bigint() - started) / 1000 / ITERATIONS;
  return { name, usPerOp };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strongroom-bench-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  await migrateDeploy(url, { quiet: true });
  const db = createDbClient(url);
  try {
    const user = await db.user.create({ data: { email: 'bench@example.com', name: 'Bench', passwordHash: 'x' } });
    // A realistic table: many other sessions around ours.
    await db.session.createMany({
      data: Array.from({ length: 10_000 }, (_, i) => ({ id: `other-${String(i).padStart(16, '0')}`, secretHash: 'h', userId: user.id })),
    });
    const store = createSessionStore(db, policy);
    const sealer = createSessionSealer({ keys: password, ttlMs: policy.absoluteTimeoutMs });
    const { token } = await store.createSession(user.id, { mfaVerified: false, context: { ipAddress: null, userAgent: null } });
    const cookie = await sealer.sealSessionToken(token, new Date());
    const statelessCookie = await sealData({ userId: user.id }, { password, ttl: 43_200 });
    const uncached = () => unsealData<{ id: string; secret: string }>(cookie, { password, ttl: 43_200 });

    const stateless = await measure('stateless iron-session unseal', () => unsealData(statelessCookie, { password, ttl: 43_200 }));
    const userOnly = await measure('user only: one primary-key read', () =>
      db.user.findUnique({ where: { id: user.id }, select: { id: true, email: true, name: true, totpEnabledAt: true } }),
    );
    const naive = await measure('naive: unseal + query, twice', async () => {
      for (let step = 0; step < 2; step++) {
        const { id } = await uncached();
        await db.session.findUnique({ where: { id } });
      }
    });
    const strongroom = await measure('strongroom: cached unseal + one validation', async () => {
      const now = new Date();
      await sealer.unsealSessionToken(cookie, now); // middleware (optimistic)
      const unsealed = await sealer.unsealSessionToken(cookie, now); // DAL
      if (!unsealed.ok) throw new Error('bench cookie did not unseal');
      const result = await store.validateSessionToken(unsealed.token, {}, now);
      if (result.kind !== 'accept' || result.rotate) throw new Error(`unexpected ${result.kind}`);
    });

    console.log(`\nSession check cost per request (${ITERATIONS} iterations, SQLite, ${os.cpus().length} cores)\n`);
    for (const row of [stateless, userOnly, naive, strongroom]) {
      const ratio = row.usPerOp / stateless.usPerOp;
      console.log(`  ${row.name.padEnd(46)} ${row.usPerOp.toFixed(1).padStart(8)} µs   ${ratio.toFixed(2)}× stateless`);
    }
    console.log(`\n  strongroom vs naive: ${(naive.usPerOp / strongroom.usPerOp).toFixed(2)}× faster`);
    const verdict = strongroom.usPerOp <= stateless.usPerOp ? 'meets' : 'misses';
    console.log(`  design goal (≤ stateless iron-session check): ${verdict}\n`);
  } finally {
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
