import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { testSessionPolicy } from '@/test/session-policy';
import { createSessionStore } from './store';
import { checkLabel } from '@/test/session-check';
import { resendAfterMs } from './policy';
import { hashSessionSecret, type SessionToken } from './token';

const policy = testSessionPolicy;
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
const t0 = new Date('2026-01-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

const db = getTestDb();
const store = createSessionStore(db, policy);

async function createUser(email = 'user@example.com') {
  return db.user.create({ data: { email, name: 'Test User', passwordHash: 'x' } });
}

async function signIn() {
  const user = await createUser();
  const created = await store.createSession(user.id, { mfaVerified: false, context, now: t0 });
  return { user, ...created };
}

/** Validates at `ms` (rotation due) and rotates; fails the test if either step does not happen. */
async function rotateWhenDue(token: SessionToken, ms: number, on = store) {
  const due = await on.validateSessionToken(token, {}, at(ms));
  if (due.kind !== 'accept' || !due.rotate) throw new Error(`expected rotate, got ${checkLabel(due)}`);
  const rotation = await on.rotateSession(due.session, token, { now: at(ms) });
  if (rotation.kind !== 'rotated') throw new Error('expected rotated');
  return rotation.token;
}

const statusAt = async (token: SessionToken, ms: number, options = {}) => checkLabel(await store.validateSessionToken(token, options, at(ms)));

/** A holder with nothing newer: it answers every "retry" with the same cookie, as a browser without a newer one would (ADR 035). */
async function statusOfStaleHolder(token: SessionToken, ms: number, on = store) {
  for (let i = 0; i < 20; i++) {
    const status = checkLabel(await on.validateSessionToken(token, {}, at(ms + i)));
    if (status !== 'retry') return status;
  }
  return 'retry';
}
const row = (id: string) => db.session.findUniqueOrThrow({ where: { id } });
const events = (type: string, sessionId: string) => db.auditEvent.count({ where: { type, sessionId } });

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
    const a = await store.createSession(user.id, { mfaVerified: false, context, now: t0 });
    const b = await store.createSession(user.id, { mfaVerified: false, context, now: t0 });
    expect(a.token.id).not.toBe(b.token.id);
    expect(a.token.secret).not.toBe(b.token.secret);
  });
});

describe('concurrent sessions (ASVS 7.1.2)', () => {
  it('allows maxSessionsPerUser live sessions; one more sign-in ends the least recently used', async () => {
    const user = await createUser();
    const sessions = [];
    for (let i = 0; i < policy.maxSessionsPerUser; i++) {
      sessions.push(await store.createSession(user.id, { mfaVerified: false, context, now: at(i * 1000) }));
    }
    // The first one is in use; the second is now the least recently used.
    expect(await statusAt(sessions[0]!.token, 2 * 60_000)).toBe('accept');
    const newest = await store.createSession(user.id, { mfaVerified: false, context, now: at(3 * 60_000) });
    expect((await store.listUserSessions(user.id, at(3 * 60_000))).length).toBe(policy.maxSessionsPerUser);
    expect(await statusAt(sessions[1]!.token, 3 * 60_000 + 1)).toBe('revoked');
    expect((await row(sessions[1]!.session.id)).revokedReason).toBe('session-limit');
    expect(await statusAt(sessions[0]!.token, 3 * 60_000 + 2)).toBe('accept');
    expect(await statusAt(newest.token, 3 * 60_000 + 3)).toBe('accept');
    expect(await db.auditEvent.count({ where: { type: 'session.revoked', userId: user.id, detail: { contains: 'session-limit' } } })).toBe(1);
  });
});

describe('validateSessionToken', () => {
  it('accepts the right secret; an unknown id is no session', async () => {
    const { token } = await signIn();
    expect(checkLabel(await store.validateSessionToken(token, {}, at(1000)))).toBe('accept');
    expect(checkLabel(await store.validateSessionToken({ ...token, id: 'unknown-session-id' }, {}, at(1000)))).toBe('unknown');
  });

  it('sends a secret the live session does not have back to retry, and revokes (audited) when its holder has nothing newer', async () => {
    // Tokens reach the store only from authentic seals, which only this server makes:
    // a live id with a secret it no longer has can only come from an older cookie.
    const { token, session } = await signIn();
    const older = { ...token, secret: 'x'.repeat(43) };
    expect(checkLabel(await store.validateSessionToken(older, {}, at(1000)))).toBe('retry');
    expect((await row(session.id)).revokedAt).toBeNull();
    expect(await statusOfStaleHolder(older, 1001)).toBe('theft');
    expect(checkLabel(await store.validateSessionToken(token, {}, at(2000)))).toBe('revoked');
    expect(await db.auditEvent.count({ where: { type: 'session.reuse_detected', sessionId: session.id } })).toBe(1);
  });

  it('tells its theft listener once per detected theft — whose session, on which browser — and a failing listener changes nothing (ADR 047)', async () => {
    const heard: unknown[] = [];
    const listening = createSessionStore(db, policy, { onTheft: (theft) => heard.push(theft) });
    const { user, token, session } = await signIn();
    const older = { ...token, secret: 'x'.repeat(43) };
    expect(await statusOfStaleHolder(older, 1000, listening)).toBe('theft');
    expect(await statusOfStaleHolder(older, 2000, listening)).toBe('revoked'); // the copy again: already over, no second report
    expect(heard).toEqual([{ userId: user.id, sessionId: session.id, userAgent: 'vitest', signal: 'older-secret', at: expect.any(Date) }]);

    const failing = createSessionStore(db, policy, { onTheft: () => { throw new Error('listener down'); } });
    const second = await failing.createSession(user.id, { mfaVerified: false, context, now: t0 });
    expect(await statusOfStaleHolder({ ...second.token, secret: 'y'.repeat(43) }, 3000, failing)).toBe('theft');
    expect(await events('session.reuse_detected', second.session.id)).toBe(1);
  });

  it('ends a session whose owner an operator disabled, even one created after the disable (ADR 044)', async () => {
    const { user, token } = await signIn();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: at(500) } });
    expect(await store.validateSessionToken(token, {}, at(1000))).toEqual({ kind: 'revoked', reason: 'account-disabled' });
    expect(await db.session.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ revokedReason: 'account-disabled' });
    // A sign-in racing the operator's command: its session reads as revoked at its first request.
    const late = await store.createSession(user.id, { mfaVerified: false, context, now: at(1500) });
    expect(checkLabel(await store.validateSessionToken(late.token, {}, at(2000)))).toBe('revoked');
  });

  it('expires an idle session, revokes the row with the reason, and records it', async () => {
    const { token, session } = await signIn();
    const result = await store.validateSessionToken(token, {}, at(policy.idleTimeoutMs + 1));
    expect(checkLabel(result)).toBe('expire-idle');
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedReason).toBe('idle');
    expect(await db.auditEvent.count({ where: { type: 'session.expired', sessionId: session.id } })).toBe(1);
    // …and it stays dead.
    expect(checkLabel(await store.validateSessionToken(token, {}, at(policy.idleTimeoutMs + 2)))).toBe('revoked');
  });

  it('expires at the absolute limit even when the user stays active', async () => {
    const { token } = await signIn();
    let now = t0.getTime();
    const step = policy.idleTimeoutMs / 2;
    let status = 'accept';
    while (now < t0.getTime() + policy.absoluteTimeoutMs + step && status !== 'expire-absolute') {
      now += step;
      status = checkLabel(await store.validateSessionToken(token, {}, new Date(now)));
      if (status === 'rotate') status = 'accept';
    }
    expect(status).toBe('expire-absolute');
    expect(now).toBeGreaterThanOrEqual(t0.getTime() + policy.absoluteTimeoutMs);
  });

  it('does not extend the idle timer when asked not to touch (status polling)', async () => {
    const { token, session } = await signIn();
    for (let i = 1; i <= 5; i++) await store.validateSessionToken(token, { touch: false }, at(i * 2 * 60_000));
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.lastSeenAt).toEqual(t0);
    expect(checkLabel(await store.validateSessionToken(token, { touch: false }, at(policy.idleTimeoutMs)))).toBe('expire-idle');
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
    const countingStore = createSessionStore(counted, policy);

    // Within the interval: no writes at all.
    for (let s = 1; s < 60; s += 7) await countingStore.validateSessionToken(token, {}, at(s * 1000));
    expect(writes).toBe(0);

    // 50 concurrent requests just past the interval: exactly one write.
    await Promise.all(Array.from({ length: 50 }, () => countingStore.validateSessionToken(token, {}, at(61_000))));
    expect(writes).toBe(1);
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.lastSeenAt).toEqual(at(61_000));
  });
});

// Every interleaving docs/decisions/016-rotation-rule.md reasons about, on a
// real database. R = the first rotation (the interval after sign-in), G = grace.
const R = policy.rotationIntervalMs;
const G = policy.rotationGraceMs;

describe('rotation', () => {
  it('rotates after the interval to a new secret, and the new one is valid', async () => {
    const { token, session } = await signIn();
    expect(await statusAt(token, 60_000)).toBe('accept');
    const next = await rotateWhenDue(token, R);
    expect(next.id).toBe(token.id);
    expect(next.secret).not.toBe(token.secret);
    expect(next.generation).toBe(1);
    expect(await statusAt(next, R + 1000)).toBe('accept');
    expect(await events('session.rotated', session.id)).toBe(1);
    // Nothing stored lets a database reader rebuild the cookie's secret.
    expect(JSON.stringify(await row(session.id))).not.toContain(next.secret);
  });

  it('lets exactly one of 30 parallel requests rotate; every one of them stays authenticated', async () => {
    const { token } = await signIn();
    const now = at(R + 500);
    const results = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const validation = await store.validateSessionToken(token, {}, now);
        if (validation.kind !== 'accept' || !validation.rotate) return checkLabel(validation);
        return (await store.rotateSession(validation.session, token, { now })).kind;
      }),
    );
    expect(results.filter((r) => r === 'rotated')).toHaveLength(1);
    expect(results.every((r) => ['rotated', 'not-rotated', 'accept'].includes(r))).toBe(true);
    // Latecomers with the old cookie: the new secret is unconfirmed, so the old one is fine.
    expect(await statusAt(token, R + 5000)).toBe('accept');
  });

  it('two tabs sharing a cookie jar present the same secret and never trip detection', async () => {
    const { token } = await signIn();
    const next = await rotateWhenDue(token, R);
    for (let ms = R + 1000; ms < R + 4 * G; ms += 5000) {
      expect(await statusAt(next, ms)).toBe('accept'); // tab 1
      expect(await statusAt(next, ms + 10)).toBe('accept'); // tab 2
    }
  });

  it('a slow response: the old secret stays valid however late, while the new one has not been seen', async () => {
    const { token, session } = await signIn();
    await rotateWhenDue(token, R);
    // Far past a grace counted from the rotation (the old rule's mistake): valid…
    expect(await statusAt(token, R + 4 * G)).toBe('accept');
    // …and past any response time, the browser is sent the same secret again: still signed in.
    expect(await statusAt(token, R + resendAfterMs(policy))).toBe('resend');
    expect((await row(session.id)).revokedAt).toBeNull();
  });

  it('a server answering slower than the re-send time waits that much longer before it re-sends (ADR 035)', async () => {
    const { token } = await signIn();
    await rotateWhenDue(token, R);
    const lag = 40_000; // its recent pages took 40 s to render: the rotating response may still be on its way
    expect(await statusAt(token, R + resendAfterMs(policy), { serverLagMs: lag })).toBe('accept');
    expect(await statusAt(token, R + resendAfterMs(policy) + lag, { serverLagMs: lag })).toBe('resend');
  });

  it('counts the grace from the new secret\'s first use, so requests queued behind it are not "late"', async () => {
    const { token } = await signIn();
    const next = await rotateWhenDue(token, R);
    const firstUse = R + 20_000; // the rotating response took 20 s to arrive and be used
    expect(await statusAt(next, firstUse)).toBe('accept');
    expect(await statusAt(token, firstUse + G - 1000)).toBe('accept'); // sent before, processed after: fine
    expect(await statusAt(token, firstUse + G + 1000)).toBe('retry'); // later still: sent back, nothing revoked
    expect(await statusOfStaleHolder(token, firstUse + G + 2000)).toBe('theft'); // and again and again: a copy
  });

  it('does not count the request that delivered the secret as its first use', async () => {
    const { token, session } = await signIn();
    const next = await rotateWhenDue(token, R);
    // Downstream of middleware in the rotating request itself.
    expect(await statusAt(next, R + 10, { confirm: false })).toBe('accept');
    expect((await row(session.id)).secretConfirmedAt).toBeNull();
    expect(await statusAt(token, R + 3 * G)).toBe('accept');
  });

  it('waits for the previous secret\'s grace to end before rotating again (never three live secrets)', async () => {
    const { token } = await signIn();
    const first = await rotateWhenDue(token, R);
    const firstUse = 2 * R; // quiet for a whole interval, then back
    const back = await store.validateSessionToken(first, {}, at(firstUse));
    expect(checkLabel(back)).toBe('accept'); // due by the clock, but the grace has just started
    expect(await statusAt(token, firstUse + G - 1000)).toBe('accept');
    const second = await rotateWhenDue(first, firstUse + G);
    expect(await statusAt(second, firstUse + G + 1000)).toBe('accept');
  });
});

describe('requests that queued', () => {
  it('are judged as of when they arrived, not when the server got to them', async () => {
    const { token } = await signIn();
    const next = await rotateWhenDue(token, R);
    const firstUse = R + 1000;
    expect(await statusAt(next, firstUse)).toBe('accept');
    // Sent with the old cookie just before the browser had the new one; it arrived at R + 900
    // but waited behind the saturated server until long after the grace.
    const late = at(firstUse + G + 5000);
    expect(checkLabel(await store.validateSessionToken(token, { arrivedAt: at(R + 900) }, late))).toBe('accept');
    expect(checkLabel(await store.validateSessionToken(token, {}, late))).toBe('retry'); // the same, judged at the server's "now": sent back
  });

  it('start the grace at the arrival of the first request that used the new secret', async () => {
    const { token, session } = await signIn();
    const next = await rotateWhenDue(token, R);
    await store.validateSessionToken(next, { arrivedAt: at(R + 1000) }, at(R + 6000));
    expect((await row(session.id)).secretConfirmedAt).toEqual(at(R + 1000));
  });

  it('stay valid when middleware vouched for them on arrival, even if a parallel request rotated twice since', async () => {
    const { token } = await signIn();
    const first = await rotateWhenDue(token, R);
    expect(await statusAt(first, R + 1000)).toBe('accept');
    const second = await rotateWhenDue(first, R + 1000 + R);
    expect(await statusAt(second, 2 * R + 2000)).toBe('accept');
    // `first` was checked and found valid by middleware when its request arrived; the page it renders is not a copy.
    expect(checkLabel(await store.validateSessionToken(first, { vouched: true }, at(2 * R + 2000 + G + 1000)))).toBe('accept');
    expect(checkLabel(await store.validateSessionToken(first, {}, at(2 * R + 2000 + G + 1000)))).toBe('retry');
  });
});

describe('a lost rotation response', () => {
  it('is answered by re-sending the same secret — never a competing one', async () => {
    const { token, session } = await signIn();
    const rotated = await rotateWhenDue(token, R); // …its response never reaches the browser
    expect(await statusAt(token, R + 2 * G)).toBe('accept'); // not due again yet: just valid

    const again = await store.validateSessionToken(token, {}, at(2 * R));
    if (again.kind !== 'resend') throw new Error(`expected resend, got ${checkLabel(again)}`);
    expect(again.token).toEqual(rotated); // the very secret the lost response carried
    expect(await statusAt(token, 2 * R + 10)).toBe('resend'); // a parallel request: the same secret, one event
    expect(await events('session.secret_resent', session.id)).toBe(1);

    // Whichever copy arrives — the late original or the re-sent one — it is the same, valid secret.
    expect(await statusAt(rotated, 2 * R + 1000)).toBe('accept');
    expect((await row(session.id)).revokedAt).toBeNull();
  });

  it('a re-send never invalidates a secret already delivered to the browser', async () => {
    const { token } = await signIn();
    const rotated = await rotateWhenDue(token, R);
    // Tab 1's request (old cookie) is re-sent the secret while tab 2 already holds it from the slow original.
    expect(await statusAt(token, 2 * R)).toBe('resend');
    expect(await statusAt(rotated, 2 * R + 5)).toBe('accept');
    expect(await statusAt(token, 2 * R + 10)).toBe('accept'); // still inside the grace of that first use
  });
});

describe('a replayed copy', () => {
  it('before the owner returns: tolerated until the owner uses the new secret, then revokes the session within the grace', async () => {
    const { token: stolen, session } = await signIn();
    const owner = await rotateWhenDue(stolen, R); // the owner's browser got it, then went quiet
    expect(await statusAt(stolen, R + 60_000)).toBe('accept'); // the concession: indistinguishable from a lost response
    const ownerBack = R + 2 * 60_000;
    expect(await statusAt(owner, ownerBack)).toBe('accept');
    expect(await statusOfStaleHolder(stolen, ownerBack + G + 1)).toBe('theft');
    expect(await statusAt(owner, ownerBack + G + 100)).toBe('revoked'); // both holders are out
    expect((await row(session.id)).revokedReason).toBe('reuse-detected');
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'session.reuse_detected', sessionId: session.id } });
    expect(JSON.parse(event.detail ?? '{}')).toMatchObject({ secret: 'previous', generationsBehind: 1 });
  });

  it('after the owner returned: revokes at once, whichever of the two comes first after the grace', async () => {
    const { token: stolen } = await signIn();
    const owner = await rotateWhenDue(stolen, R);
    expect(await statusAt(owner, R + 1000)).toBe('accept');
    expect(await statusOfStaleHolder(stolen, R + 1000 + G)).toBe('theft');
  });

  it('while the owner stays away past the interval: the thief is re-sent the owner\'s secret, and the next rotation exposes one of them', async () => {
    const { token: stolen, session } = await signIn();
    const owner = await rotateWhenDue(stolen, R); // owner quiet from here on
    const resent = await store.validateSessionToken(stolen, {}, at(2 * R));
    if (resent.kind !== 'resend') throw new Error(`expected resend, got ${checkLabel(resent)}`);
    const thief = resent.token; // the same secret the owner holds — not a new one that would sign the owner out
    expect(thief.secret).toBe(owner.secret);
    expect(await statusAt(thief, 2 * R + 1000)).toBe('accept'); // the thief's next request: first use
    const thiefNext = await rotateWhenDue(thief, 2 * R + 1000 + G);
    expect(await statusAt(thiefNext, 2 * R + 2000 + G)).toBe('accept');
    // The owner comes back: signed out — but so is the thief. Never the thief alone.
    expect(await statusOfStaleHolder(owner, 2 * R + 3000 + 2 * G)).toBe('theft');
    expect(await statusAt(thiefNext, 2 * R + 4000 + 2 * G)).toBe('revoked');
    expect(await events('session.reuse_detected', session.id)).toBe(1);
  });

  it.each([2, 3])('%i generations old: an authentic cookie with a secret the session no longer has, presented again and again, revokes it', async (generations) => {
    const { token: stolen, session } = await signIn();
    let current = stolen;
    let ms = 0;
    for (let i = 0; i < generations; i++) {
      ms += R;
      current = await rotateWhenDue(current, ms);
      expect(await statusAt(current, ms + 1000)).toBe('accept'); // the owner uses each one
    }
    expect(await statusOfStaleHolder(stolen, ms + 2000)).toBe('theft');
    expect(await statusAt(current, ms + 3000)).toBe('revoked');
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'session.reuse_detected', sessionId: session.id } });
    expect(JSON.parse(event.detail ?? '{}')).toMatchObject({ secret: 'older', generationsBehind: generations });
  });
});

describe('two instances', () => {
  it('judge the grace on the shared clock, whatever their own clocks say', async () => {
    let shared = t0;
    const sharedClock = async () => shared;
    const a = createSessionStore(db, policy, { sharedClock }); // its own clock runs 20 s fast
    const b = createSessionStore(db, policy, { sharedClock });
    const skew = 20_000;
    const { token } = await signIn();

    shared = at(R);
    const next = await rotateWhenDue(token, R + skew, a);
    shared = at(R + 1000);
    expect(checkLabel(await b.validateSessionToken(next, {}, at(R + 1000)))).toBe('accept'); // first use, on B
    // A request queued with the old cookie reaches A inside the grace on the shared clock;
    // A's own clock would call it 20 s late.
    shared = at(R + 1000 + G - 5000);
    expect(checkLabel(await a.validateSessionToken(token, {}, at(R + 1000 + G - 5000 + skew)))).toBe('accept');
    shared = at(R + 1000 + G + 1);
    expect(checkLabel(await b.validateSessionToken(token, {}, at(R + 1000 + G + 1)))).toBe('retry');
  });

  it('rotate on the shared clock: an instance whose clock runs ahead cannot rotate early', async () => {
    let shared = at(R - 10_000);
    const ahead = createSessionStore(db, policy, { sharedClock: async () => shared });
    const { token } = await signIn();
    const due = await ahead.validateSessionToken(token, {}, at(R + 1000)); // its clock says due
    if (due.kind !== 'accept' || !due.rotate) throw new Error(`expected rotate, got ${checkLabel(due)}`);
    expect((await ahead.rotateSession(due.session, token, { now: at(R + 1000) })).kind).toBe('not-rotated');
    shared = at(R + 1000);
    expect((await ahead.rotateSession(due.session, token, { now: at(R + 1000) })).kind).toBe('rotated');
  });
});

describe('regenerateSession', () => {
  it('carries the authentication level over and never raises it (NIST SP 800-63B-4 §5.1, ADR 030)', async () => {
    const user = await createUser();
    const strong = await store.createSession(user.id, { mfaVerified: true, authLevel: 'phishing-resistant', context, now: t0 });
    expect((await store.regenerateSession(strong.session, { mfaVerified: true, context, now: at(1000) })).session.authLevel).toBe('phishing-resistant');
    const weak = await store.createSession(user.id, { mfaVerified: false, context, now: t0 });
    expect(weak.session.authLevel).toBe('single-factor');
    // A factor added in this session does not make its old authentication multi-factor.
    expect((await store.regenerateSession(weak.session, { mfaVerified: true, context, now: at(1000) })).session.authLevel).toBe('single-factor');
    // Without a second factor left, no more than single-factor.
    expect((await store.regenerateSession(strong.session, { mfaVerified: false, context, now: at(2000) })).session.authLevel).toBe('single-factor');
  });

  it('gives a new id and secret but keeps the absolute lifetime and the last authentication', async () => {
    const { session, token } = await signIn();
    const later = at(60 * 60_000);
    const { session: regenerated, token: fresh } = await store.regenerateSession(session, { context, now: later });
    expect(fresh.id).not.toBe(token.id);
    expect(regenerated.createdAt).toEqual(session.createdAt);
    expect(regenerated.authenticatedAt).toEqual(session.authenticatedAt);
    expect(await statusAt(token, 60 * 60_000 + 1000)).toBe('revoked');
    expect((await row(session.id)).revokedReason).toBe('credential-changed');
    // Chained credential changes cannot outlive the absolute limit.
    expect(await statusAt(fresh, policy.absoluteTimeoutMs + 1)).toBe('expire-absolute');
  });
});

describe('revocation', () => {
  it('invalidates one session, once, with its first reason', async () => {
    const { token, session } = await signIn();
    await store.invalidateSession(session.id, 'logout', { now: at(1000) });
    await store.invalidateSession(session.id, 'revoked-by-user', { now: at(2000) });
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedReason).toBe('logout');
    expect(await db.auditEvent.count({ where: { type: 'session.revoked', sessionId: session.id } })).toBe(1);
    expect(checkLabel(await store.validateSessionToken(token, {}, at(3000)))).toBe('revoked');
  });

  it('lets an operator end every session of every user (ASVS 7.4.5)', async () => {
    const alice = await createUser('alice@example.com');
    const bob = await createUser('bob@example.com');
    const a = await store.createSession(alice.id, { mfaVerified: false, context, now: t0 });
    const b1 = await store.createSession(bob.id, { mfaVerified: false, context, now: t0 });
    const b2 = await store.createSession(bob.id, { mfaVerified: false, context, now: t0 });
    expect(await store.invalidateAllSessions('revoked-by-operator', { now: at(1000) })).toBe(3);
    for (const { token } of [a, b1, b2]) expect(await statusAt(token, 2000)).toBe('revoked');
    expect(await db.auditEvent.count({ where: { type: 'session.revoked', detail: { contains: 'revoked-by-operator' } } })).toBe(2);
  });

  it('invalidates all other sessions of a user and keeps the current one', async () => {
    const user = await createUser();
    const current = await store.createSession(user.id, { mfaVerified: false, context, now: t0 });
    const other1 = await store.createSession(user.id, { mfaVerified: false, context, now: t0 });
    const other2 = await store.createSession(user.id, { mfaVerified: false, context, now: t0 });
    const count = await store.invalidateUserSessions(user.id, 'password-changed', { exceptSessionId: current.session.id, now: at(1000) });
    expect(count).toBe(2);
    expect(checkLabel(await store.validateSessionToken(current.token, {}, at(2000)))).toBe('accept');
    expect(checkLabel(await store.validateSessionToken(other1.token, {}, at(2000)))).toBe('revoked');
    expect(checkLabel(await store.validateSessionToken(other2.token, {}, at(2000)))).toBe('revoked');
    expect((await store.listUserSessions(user.id, at(2000))).map((s) => s.id)).toEqual([current.session.id]);
  });
});
