import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { createSessionEngine } from './engine';
import { hashSessionSecret } from './token';
import type { SessionPolicy } from './policy';

const policy: SessionPolicy = {
  idleTimeoutMs: 15 * 60_000,
  absoluteTimeoutMs: 12 * 3_600_000,
  rotationIntervalMs: 5 * 60_000,
  rotationGraceMs: 30_000,
  touchIntervalMs: 60_000,
  freshAuthWindowMs: 5 * 60_000,
  retentionMs: 24 * 3_600_000,
  purgeIntervalMs: 3_600_000,
};
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
const t0 = new Date('2026-01-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

const db = getTestDb();
const engine = createSessionEngine(db, policy);

async function createUser(email = 'user@example.com') {
  return db.user.create({ data: { email, name: 'Test User', passwordHash: 'x' } });
}

async function signIn() {
  const user = await createUser();
  const created = await engine.createSession(user.id, { mfaVerified: false, context, now: t0 });
  return { user, ...created };
}

/** Validates at `ms` (rotation due) and rotates; fails the test if either step does not happen. */
async function rotateWhenDue(token: { id: string; secret: string }, ms: number) {
  const due = await engine.validateSessionToken(token, {}, at(ms));
  if (due.status !== 'rotate') throw new Error(`expected rotate, got ${due.status}`);
  const rotation = await engine.rotateSession(due.session, token, { now: at(ms) });
  if (rotation.status !== 'rotated') throw new Error('expected rotated');
  return rotation;
}

beforeEach(async () => {
  await resetTestDb();
});

describe('createSession', () => {
  it('stores only a hash of the secret — no column of any row holds the secret', async () => {
    const { session, token } = await signIn();
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.secretHash).toBe(hashSessionSecret(token.secret));
    expect(row.secretHash).not.toBe(token.secret);
    expect(token.secret.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url

    const everything = JSON.stringify([
      await db.session.findMany(),
      await db.auditEvent.findMany(),
      await db.user.findMany(),
    ]);
    expect(everything).not.toContain(token.secret);
  });

  it('gives every session a different id and secret', async () => {
    const user = await createUser();
    const a = await engine.createSession(user.id, { mfaVerified: false, context, now: t0 });
    const b = await engine.createSession(user.id, { mfaVerified: false, context, now: t0 });
    expect(a.token.id).not.toBe(b.token.id);
    expect(a.token.secret).not.toBe(b.token.secret);
  });
});

describe('validateSessionToken', () => {
  it('accepts the right secret and rejects a wrong one or an unknown id', async () => {
    const { token } = await signIn();
    expect((await engine.validateSessionToken(token, {}, at(1000))).status).toBe('valid');
    expect((await engine.validateSessionToken({ ...token, secret: 'x'.repeat(43) }, {}, at(1000))).status).toBe('invalid');
    expect((await engine.validateSessionToken({ ...token, id: 'unknown-session-id' }, {}, at(1000))).status).toBe('invalid');
  });

  it('expires an idle session, revokes the row with the reason, and records it', async () => {
    const { token, session } = await signIn();
    const result = await engine.validateSessionToken(token, {}, at(policy.idleTimeoutMs + 1));
    expect(result.status).toBe('expired-idle');
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedReason).toBe('idle');
    expect(await db.auditEvent.count({ where: { type: 'session.expired', sessionId: session.id } })).toBe(1);
    // …and it stays dead.
    expect((await engine.validateSessionToken(token, {}, at(policy.idleTimeoutMs + 2))).status).toBe('revoked');
  });

  it('expires at the absolute limit even when the user stays active', async () => {
    const { token } = await signIn();
    let now = t0.getTime();
    const step = policy.idleTimeoutMs / 2;
    let status = 'valid';
    while (now < t0.getTime() + policy.absoluteTimeoutMs + step && status !== 'expired-absolute') {
      now += step;
      status = (await engine.validateSessionToken(token, {}, new Date(now))).status;
      if (status === 'rotate') status = 'valid';
    }
    expect(status).toBe('expired-absolute');
    expect(now).toBeGreaterThanOrEqual(t0.getTime() + policy.absoluteTimeoutMs);
  });

  it('does not extend the idle timer when asked not to touch (status polling)', async () => {
    const { token, session } = await signIn();
    for (let i = 1; i <= 5; i++) await engine.validateSessionToken(token, { touch: false }, at(i * 2 * 60_000));
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.lastSeenAt).toEqual(t0);
    expect((await engine.validateSessionToken(token, { touch: false }, at(policy.idleTimeoutMs))).status).toBe('expired-idle');
  });

  it('writes lastSeenAt at most once per touch interval, however many requests arrive', async () => {
    const { token, session } = await signIn();
    let writes = 0;
    const counted = db.$extends({
      query: {
        session: {
          async updateMany({ args, query }) {
            const result = await query(args);
            if ('lastSeenAt' in (args.data ?? {})) writes += result.count;
            return result;
          },
        },
      },
    }) as unknown as typeof db;
    const countingEngine = createSessionEngine(counted, policy);

    // Within the interval: no writes at all.
    for (let s = 1; s < 60; s += 7) await countingEngine.validateSessionToken(token, {}, at(s * 1000));
    expect(writes).toBe(0);

    // 50 concurrent requests just past the interval: exactly one write.
    await Promise.all(Array.from({ length: 50 }, () => countingEngine.validateSessionToken(token, {}, at(61_000))));
    expect(writes).toBe(1);
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.lastSeenAt).toEqual(at(61_000));
  });
});

describe('rotation', () => {
  it('reports rotation due after the interval and rotates to a new secret', async () => {
    const { token } = await signIn();
    expect((await engine.validateSessionToken(token, {}, at(60_000))).status).toBe('valid');
    const due = await engine.validateSessionToken(token, {}, at(policy.rotationIntervalMs));
    expect(due.status).toBe('rotate');
    if (due.status !== 'rotate') throw new Error('unreachable');

    const rotation = await engine.rotateSession(due.session, token, { now: at(policy.rotationIntervalMs), context });
    expect(rotation.status).toBe('rotated');
    if (rotation.status !== 'rotated') throw new Error('unreachable');
    expect(rotation.token.id).toBe(token.id);
    expect(rotation.token.secret).not.toBe(token.secret);
    expect((await engine.validateSessionToken(rotation.token, {}, at(policy.rotationIntervalMs + 1000))).status).toBe('valid');
    expect(await db.auditEvent.count({ where: { type: 'session.rotated' } })).toBe(1);
  });

  it('accepts the old secret inside the grace window, and detects reuse after it', async () => {
    const { token, session } = await signIn();
    const rotateAt = policy.rotationIntervalMs;
    const rotation = await rotateWhenDue(token, rotateAt);

    // In flight with the old cookie: fine.
    expect((await engine.validateSessionToken(token, {}, at(rotateAt + 1000))).status).toBe('valid');
    // The browser uses the new one (confirms it)…
    expect((await engine.validateSessionToken(rotation.token, {}, at(rotateAt + 2000))).status).toBe('valid');
    // …so the old one after the grace window means a second holder.
    const replay = await engine.validateSessionToken(token, {}, at(rotateAt + policy.rotationGraceMs + 1000));
    expect(replay.status).toBe('reuse-detected');
    expect((await engine.validateSessionToken(rotation.token, {}, at(rotateAt + policy.rotationGraceMs + 2000))).status).toBe('revoked');
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedReason).toBe('reuse-detected');
    expect(await db.auditEvent.count({ where: { type: 'session.reuse_detected', sessionId: session.id } })).toBe(1);
  });

  it('re-issues instead of revoking when the new secret was never presented', async () => {
    const { token, session } = await signIn();
    const rotateAt = policy.rotationIntervalMs;
    await rotateWhenDue(token, rotateAt); // …but its response never reaches the browser

    const later = at(rotateAt + policy.rotationGraceMs + 1000);
    const result = await engine.validateSessionToken(token, {}, later);
    expect(result.status).toBe('rotate');
    if (result.status !== 'rotate') throw new Error('unreachable');
    const reissue = await engine.rotateSession(result.session, token, { now: later });
    expect(reissue.status).toBe('rotated');
    if (reissue.status !== 'rotated') throw new Error('unreachable');
    expect((await engine.validateSessionToken(reissue.token, {}, at(rotateAt + policy.rotationGraceMs + 2000))).status).toBe('valid');
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { type: 'session.reissued' } })).toBe(1);
  });

  it('does not count the rotating request itself as the browser confirming the new secret', async () => {
    const { token, session } = await signIn();
    const rotateAt = policy.rotationIntervalMs;
    const rotation = await rotateWhenDue(token, rotateAt);
    // Downstream of middleware in the same request: valid, but not a confirmation.
    expect((await engine.validateSessionToken(rotation.token, { confirm: false }, at(rotateAt + 10))).status).toBe('valid');
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).secretConfirmed).toBe(false);
    // The response was lost; the old secret after grace is re-issued, not treated as theft.
    const later = at(rotateAt + policy.rotationGraceMs + 1000);
    expect((await engine.validateSessionToken(token, {}, later)).status).toBe('rotate');
  });

  it('lets exactly one of 30 parallel requests rotate; all of them stay authenticated', async () => {
    const { token } = await signIn();
    const now = at(policy.rotationIntervalMs + 500);
    const results = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const validation = await engine.validateSessionToken(token, {}, now);
        if (validation.status === 'valid') return 'valid';
        if (validation.status !== 'rotate') return validation.status;
        return (await engine.rotateSession(validation.session, token, { now })).status;
      }),
    );
    expect(results.filter((r) => r === 'rotated')).toHaveLength(1);
    expect(results.every((r) => r === 'rotated' || r === 'superseded' || r === 'valid')).toBe(true);
    // Latecomers with the old cookie are still inside the grace window.
    expect((await engine.validateSessionToken(token, {}, at(policy.rotationIntervalMs + 5000))).status).toBe('valid');
  });
});

describe('revocation', () => {
  it('invalidates one session, once, with its first reason', async () => {
    const { token, session } = await signIn();
    await engine.invalidateSession(session.id, 'logout', { now: at(1000) });
    await engine.invalidateSession(session.id, 'revoked-by-user', { now: at(2000) });
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedReason).toBe('logout');
    expect(await db.auditEvent.count({ where: { type: 'session.revoked', sessionId: session.id } })).toBe(1);
    expect((await engine.validateSessionToken(token, {}, at(3000))).status).toBe('revoked');
  });

  it('invalidates all other sessions of a user and keeps the current one', async () => {
    const user = await createUser();
    const current = await engine.createSession(user.id, { mfaVerified: false, context, now: t0 });
    const other1 = await engine.createSession(user.id, { mfaVerified: false, context, now: t0 });
    const other2 = await engine.createSession(user.id, { mfaVerified: false, context, now: t0 });
    const count = await engine.invalidateUserSessions(user.id, 'password-changed', { exceptSessionId: current.session.id, now: at(1000) });
    expect(count).toBe(2);
    expect((await engine.validateSessionToken(current.token, {}, at(2000))).status).toBe('valid');
    expect((await engine.validateSessionToken(other1.token, {}, at(2000))).status).toBe('revoked');
    expect((await engine.validateSessionToken(other2.token, {}, at(2000))).status).toBe('revoked');
    expect((await engine.listUserSessions(user.id, at(2000))).map((s) => s.id)).toEqual([current.session.id]);
  });
});
