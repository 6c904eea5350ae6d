// The password step through the app's own modules (real database, real argon2):
// outcomes, audit events, and — the acceptance criterion — that an unknown email
// costs the same time as a known one with a wrong password.
import { performance } from 'node:perf_hooks';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { hashPassword, verifyPassword, verifyPasswordAgainstDummy } from '../password';
import { failAttempt } from './guard';
import { attemptPasswordSignIn, startUserAttempt } from './sign-in';
import { accountKeyOf } from '../throttle';

// Pass-through spies: real argon2, but the test can see whether it ran.
vi.mock('../password', async (importOriginal) => {
  const original = await importOriginal<typeof import('../password')>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword), verifyPasswordAgainstDummy: vi.fn(original.verifyPasswordAgainstDummy) };
});

const db = getTestDb();
const context = { ipAddress: '192.0.2.20', userAgent: 'vitest' };
const PASSWORD = 'a long and correct passphrase';
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
beforeEach(resetTestDb);

async function createUser(email = 'known@example.com', totp = false) {
  return db.user.create({
    data: { email, name: 'Known', passwordHash, ...(totp ? { totpSecret: 'x', totpEnabledAt: new Date() } : {}) },
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

describe('attemptPasswordSignIn', () => {
  const failures = async (email: string) => (await db.loginThrottle.findUnique({ where: { key: accountKeyOf(email) } }))?.failures;

  it('signs in with the right password (email case and spaces ignored), leaving earlier failures as they were', async () => {
    const user = await createUser();
    await db.loginThrottle.create({ data: { key: accountKeyOf('known@example.com'), failures: 3 } });
    const result = await attemptPasswordSignIn({ email: '  Known@Example.COM ', password: PASSWORD, context });
    expect(result).toEqual({ status: 'ok', user: { id: user.id, totpEnabled: false } });
    expect(await failures('known@example.com')).toBe(3); // a sign-in resets nothing (ADR 018)
  });

  it('a sign-in by the owner between an attacker\'s failures changes nothing the attacker sees: the 5th failure is blocked, as for an unknown email', async () => {
    await createUser();
    const outcomes: Record<string, string[]> = {};
    for (const email of ['known@example.com', 'unknown@example.com']) {
      outcomes[email] = [];
      for (let i = 0; i < 4; i++) outcomes[email].push((await attemptPasswordSignIn({ email, password: 'wrong password!', context })).status);
      // The owner signs in (from elsewhere) — for the unknown email, nobody does.
      if (email === 'known@example.com') expect((await attemptPasswordSignIn({ email, password: PASSWORD, context: { ...context, ipAddress: '198.51.100.1' } })).status).toBe('ok');
      outcomes[email].push((await attemptPasswordSignIn({ email, password: 'wrong password!', context })).status);
    }
    expect(outcomes['known@example.com']).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'blocked']);
    expect(outcomes['unknown@example.com']).toEqual(outcomes['known@example.com']);
  });

  it('refuses a disabled account with the right password exactly like a wrong one, after the same hash check (ADR 044)', async () => {
    await db.user.update({ where: { id: (await createUser()).id }, data: { disabledAt: new Date() } });
    vi.mocked(verifyPassword).mockClear();
    expect(await attemptPasswordSignIn({ email: 'known@example.com', password: PASSWORD, context })).toEqual({ status: 'invalid' });
    expect(verifyPassword).toHaveBeenCalledTimes(1);
    expect(await failures('known@example.com')).toBe(1);
  });

  it('keeps the failure count for TOTP users when the password is right', async () => {
    const user = await createUser('totp@example.com', true);
    await db.loginThrottle.create({ data: { key: accountKeyOf('totp@example.com'), failures: 2 } });
    const result = await attemptPasswordSignIn({ email: 'totp@example.com', password: PASSWORD, context });
    expect(result).toEqual({ status: 'ok', user: { id: user.id, totpEnabled: true } });
    expect(await failures('totp@example.com')).toBe(2);
  });

  it('answers "invalid" four times, then "blocked" — identically for known and unknown emails — and audits failures and locks, not each refusal', async () => {
    const user = await createUser();
    for (const email of ['known@example.com', 'unknown@example.com']) {
      const outcomes = [];
      for (let i = 0; i < 6; i++) outcomes.push((await attemptPasswordSignIn({ email, password: 'wrong password!', context })).status);
      expect(outcomes, email).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'blocked', 'blocked']);
    }
    // The right password during the lock is refused too.
    expect((await attemptPasswordSignIn({ email: 'known@example.com', password: PASSWORD, context })).status).toBe('blocked');

    const events = await db.auditEvent.findMany({ orderBy: { createdAt: 'asc' } });
    const count = (type: string, userId: string | null) => events.filter((e) => e.type === type && e.userId === userId).length;
    expect(count('login.failure', user.id)).toBe(5);
    expect(count('login.failure', null)).toBe(5);
    expect(count('login.locked', user.id)).toBe(1);
    expect(count('login.locked', null)).toBe(1);
    // Refusals are counted on the lock and summarised once it is over (lib/auth/throttle/throttle-purge.test.ts).
    expect(events.filter((e) => e.type === 'login.throttled' || e.type === 'login.refused')).toEqual([]);
  });

  it('refuses a locked account before any password work (no argon2 run at all)', async () => {
    await createUser();
    for (let i = 0; i < 5; i++) await attemptPasswordSignIn({ email: 'known@example.com', password: `wrong ${i}`, context }); // the 5th locks
    for (let i = 0; i < 5; i++) await attemptPasswordSignIn({ email: `ghost@example.com`, password: `wrong ${i}`, context });
    vi.mocked(verifyPassword).mockClear();
    vi.mocked(verifyPasswordAgainstDummy).mockClear();
    for (const email of ['known@example.com', 'ghost@example.com']) {
      expect((await attemptPasswordSignIn({ email, password: PASSWORD, context })).status).toBe('blocked');
    }
    expect(verifyPassword).not.toHaveBeenCalled();
    expect(verifyPasswordAgainstDummy).not.toHaveBeenCalled();
  });

  it('a lock from the sign-in page does not end the owner\'s sessions (anyone can type five wrong passwords)', async () => {
    const user = await createUser();
    await db.session.create({ data: { id: 'live-session-0000000001', secretHash: 'h', userId: user.id } });
    for (let i = 0; i < 5; i++) await attemptPasswordSignIn({ email: 'known@example.com', password: 'wrong password!', context });
    const session = await db.session.findUniqueOrThrow({ where: { id: 'live-session-0000000001' } });
    expect(session.revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { type: 'login.locked', userId: user.id } })).toBe(1);
  });

  it('a lock caused inside a session (step-up, password change) ends every session of the account', async () => {
    const user = await createUser();
    await db.session.create({ data: { id: 'live-session-0000000002', secretHash: 'h', userId: user.id } });
    for (let i = 0; i < 5; i++) {
      const attempt = await startUserAttempt(user, 'reauth', context);
      if (attempt) await failAttempt(attempt);
    }
    const session = await db.session.findUniqueOrThrow({ where: { id: 'live-session-0000000002' } });
    expect(session.revokedReason).toBe('account-locked');
  });

  it('refuses an attempt without a client address, with a log line — never skips the limit', async () => {
    await createUser();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await attemptPasswordSignIn({ email: 'known@example.com', password: PASSWORD, context: { ...context, ipAddress: null } });
    expect(result.status).toBe('blocked');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('no client address'));
    logged.mockRestore();
  });

  it('stays bounded: 5,000 attempts at distinct unknown emails from one address leave O(limit) throttle and audit rows', async () => {
    for (let i = 0; i < 5_000; i++) {
      await attemptPasswordSignIn({ email: `spray-${i}@example.com`, password: 'Winter2026!', context });
    }
    const limit = 50; // LOGIN_IP_MAX_ATTEMPTS default
    expect(await db.loginThrottle.count()).toBeLessThanOrEqual(limit + 1); // one per admitted email, one for the address
    expect(await db.auditEvent.count()).toBeLessThanOrEqual(limit + 1);
  }, 120_000);

  it('takes the same time for an unknown email as for a known one with a wrong password (medians within 20 %, 50 tries each)', async () => {
    await createUser();
    // Warm up both paths (argon2, the dummy hash, Prisma's query plans).
    for (let i = 0; i < 3; i++) {
      await attemptPasswordSignIn({ email: 'known@example.com', password: `warm ${i}`, context });
      await attemptPasswordSignIn({ email: `warm${i}@example.com`, password: `warm ${i}`, context });
    }
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 50; i++) {
      // Interleaved (and alternating which goes first) so load on a busy machine hits both alike.
      const order = i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
      for (const kind of order) {
        // Keep the known account below its lock (not timed): a locked account answers fast by design.
        // Then both kinds are a first attempt on their address — what an attacker enumerating sends.
        await db.loginThrottle.deleteMany({ where: { OR: [{ key: accountKeyOf('known@example.com') }, { key: { startsWith: 'ip:' } }] } });
        const email = kind === 'known' ? 'known@example.com' : `nobody-${i}@example.com`;
        const started = performance.now();
        const result = await attemptPasswordSignIn({ email, password: `wrong password ${i}`, context });
        const elapsed = performance.now() - started;
        expect(result.status).toBe('invalid');
        (kind === 'known' ? known : unknown).push(elapsed);
      }
    }
    // Each pair ran back to back under the same machine load: the median of the
    // pairwise ratios is far steadier on a busy 2-core box than a ratio of medians.
    const ratio = median(unknown.map((u, i) => u / known[i]!));
    console.info(
      `sign-in timing: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms, median pairwise ratio ${ratio.toFixed(3)}`,
    );
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.2);
  }, 120_000);
});

describe('known devices (ADR 031)', () => {
  const proofOf = (user: { id: string; passwordChangedAt: Date }) => ({ userId: user.id, epoch: user.passwordChangedAt.getTime(), issuedAt: Date.now() });
  const lockByOutsider = async () => {
    for (let i = 0; i < 5; i++) {
      await attemptPasswordSignIn({ email: 'known@example.com', password: 'wrong password!', context: { ...context, ipAddress: `203.0.113.${i}` } });
    }
  };

  it("an outsider's lock refuses unfamiliar browsers but not the owner's browser with her device proof; a proof of another user or from before a password change does not help", async () => {
    const user = await createUser();
    const other = await createUser('other@example.com');
    await lockByOutsider();
    const signIn = (deviceProof?: ReturnType<typeof proofOf>) => attemptPasswordSignIn({ email: 'known@example.com', password: PASSWORD, deviceProof, context });
    expect((await signIn()).status).toBe('blocked');
    expect((await signIn(proofOf(other))).status).toBe('blocked');
    expect((await signIn(proofOf({ ...user, passwordChangedAt: new Date(user.passwordChangedAt.getTime() - 1) }))).status).toBe('blocked');
    expect(await signIn(proofOf(user))).toEqual({ status: 'ok', user: { id: user.id, totpEnabled: false } });
    // Her wrong password on her own device counts on her device's counter, not the outsider's.
    expect((await attemptPasswordSignIn({ email: 'known@example.com', password: 'typo', deviceProof: proofOf(user), context })).status).toBe('invalid');
  });

  it("step-up inside a live session is not refused by an outsider's lock, even at its unlock-only stage", async () => {
    const user = await createUser();
    await db.loginThrottle.create({ data: { key: accountKeyOf('known@example.com'), needsUnlock: true, lockCycles: 5 } });
    await lockByOutsider();
    expect(await startUserAttempt(user, 'reauth', context)).toBeDefined();
    expect(await startUserAttempt(user, 'password-change', context)).toBeDefined();
  });

  it('a device proof only counts for its own account: spraying other emails with it meets the address limit', async () => {
    const user = await createUser();
    const proof = proofOf(user);
    const outcomes: string[] = [];
    for (let i = 0; i < 55; i++) {
      outcomes.push((await attemptPasswordSignIn({ email: `spray-${i}@example.com`, password: 'Winter2026!', deviceProof: proof, context })).status);
    }
    expect(outcomes.slice(50)).toEqual(Array(5).fill('blocked')); // LOGIN_IP_MAX_ATTEMPTS default 50
  }, 120_000);
});
