// What one authenticated request costs the database, counted from the SQL the
// Prisma client actually sends (its query events — an `include` that quietly
// became two statements would show here), on a real database.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { testSessionPolicy } from '@/test/session-policy';
import { testSecret } from '@/test/secrets';
import { createDbClient } from '../db/client';
import { createStatementCounter } from '@/test/statements';
import { createSessionStore } from './store';
import { createRequestStamper } from './request-facts';
import { createSessionSealer } from './seal';
import { readCurrentSession, type CurrentSessionDeps } from './current-session';

const policy = testSessionPolicy;
const keys = { 1: testSecret('current-session') };
const t0 = new Date('2026-01-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const noHeaders = { get: () => null };

const setupDb = getTestDb();
const counter = createStatementCounter();
const db = createDbClient(process.env.DATABASE_URL, { onQuery: counter.onQuery });
const deps: CurrentSessionDeps = {
  store: createSessionStore(db, policy),
  sealer: createSessionSealer({ keys, ttlMs: policy.absoluteTimeoutMs }),
  stamper: createRequestStamper(keys),
  trustProxy: false,
};

afterAll(() => db.$disconnect());
beforeEach(async () => {
  await resetTestDb();
});

async function signIn() {
  const user = await setupDb.user.create({ data: { email: 'one-read@example.com', name: 'One Read', passwordHash: 'x' } });
  const { session, token } = await deps.store.createSession(user.id, { mfaVerified: false, context: { ipAddress: null, userAgent: null }, now: t0 });
  const cookieValue = await deps.sealer.sealSessionToken(token, t0);
  return { user, session, cookieValue };
}

async function request(cookieValue: string, ms: number) {
  counter.reset();
  const result = await readCurrentSession(deps, { cookieValue, headers: noHeaders, touch: true }, at(ms));
  return { result, ...counter.counts(), statements: [...counter.statements] };
}

describe('one authenticated request', () => {
  it('costs exactly one database read, which brings the user with the session, and no write inside the touch interval', async () => {
    const { user, cookieValue } = await signIn();
    await request(cookieValue, 1_000); // a first request (warms the unseal cache; no writes due yet)
    const { result, read, write, statements } = await request(cookieValue, 2_000);
    expect(result.status).toBe('authenticated');
    if (result.status === 'authenticated') expect(result.user).toEqual({ id: user.id, email: user.email, name: 'One Read', totpEnabled: false, hasPasskey: false });
    if (result.status === 'authenticated') expect(result.authLevel).toBe('single-factor');
    expect(read, statements.join('\n')).toBe(1);
    expect(write, statements.join('\n')).toBe(0);
  });

  it('writes lastSeenAt once per touch interval: one read and one write when it is due, then reads only', async () => {
    const { cookieValue } = await signIn();
    const due = await request(cookieValue, policy.touchIntervalMs + 1_000);
    expect([due.read, due.write]).toEqual([1, 1]);
    for (const ms of [5_000, 20_000, 50_000]) {
      const later = await request(cookieValue, policy.touchIntervalMs + ms);
      expect([later.read, later.write]).toEqual([1, 0]);
    }
  });

  it('sees a revocation at the very next request: nothing about the validation is kept between requests', async () => {
    const { session, cookieValue } = await signIn();
    expect((await request(cookieValue, 1_000)).result.status).toBe('authenticated');
    await setupDb.session.update({ where: { id: session.id }, data: { revokedAt: at(1_500), revokedReason: 'revoked-by-user' } });
    const next = await request(cookieValue, 2_000);
    expect(next.result).toMatchObject({ status: 'anonymous', reason: 'revoked' });
    expect(next.read).toBe(1);
  });

  it('costs no database statement at all for a cookie that does not unseal', async () => {
    await signIn();
    const { result, read, write } = await request('Fe26.2**forged*cookie~2', 1_000);
    expect(result).toMatchObject({ status: 'anonymous' });
    expect(read + write).toBe(0);
  });
});
