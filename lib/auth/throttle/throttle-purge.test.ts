import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { MIN, testThrottleConfig } from './testing';
import { accountKeyOf, createLoginThrottle } from './throttle';
import { purgeThrottleRows } from './throttle-purge';

const db = getTestDb();
const config = testThrottleConfig({ ipMaxAttempts: 6 });
const throttle = createLoginThrottle(db, config);
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

async function fail(email: string, n: number, now: Date, ip = '192.0.2.1') {
  for (let i = 0; i < n; i++) {
    const begun = await throttle.beginAttempt(email, ip, now);
    if (begun.ok) await throttle.lockIfLimitReached(begun.ticket, now);
  }
}
const keys = async () => (await db.loginThrottle.findMany({ orderBy: { key: 'asc' } })).map((row) => row.key);

beforeEach(resetTestDb);

describe('purgeThrottleRows', () => {
  it('deletes rows for registered and unknown emails on the same schedule; keeps live counters, locks, back-off memory and unlock-only locks', async () => {
    await db.user.create({ data: { email: 'known@example.com', name: 'Known', passwordHash: 'x' } });
    await fail('known@example.com', 2, t0, '192.0.2.1');
    await fail('unknown@example.com', 2, t0, '192.0.2.2');
    await fail('locked@example.com', 5, t0, '192.0.2.3');
    await db.loginThrottle.create({ data: { key: accountKeyOf('hard@example.com'), needsUnlock: true, lockCycles: 5, windowStartedAt: t0 } });

    await purgeThrottleRows(db, config, { now: at(1000) });
    expect(await keys()).toHaveLength(7); // 4 accounts, 3 addresses: all still meaningful

    // After the failure window: both 2-failure counters go together; the lock's memory keeps its row.
    await purgeThrottleRows(db, config, { now: at(config.failureWindowMs + 1000) });
    expect(await keys()).toEqual([accountKeyOf('hard@example.com'), accountKeyOf('locked@example.com')]);

    // After the back-off memory, only the unlock-only lock is left.
    await purgeThrottleRows(db, config, { now: at(config.lockoutMs + config.lockMemoryMs + 1000) });
    expect(await keys()).toEqual([accountKeyOf('hard@example.com')]);
  });

  it('summarises refusals still on a row before deleting it: one audit event per key, with the count', async () => {
    const user = await db.user.create({ data: { email: 'known@example.com', name: 'Known', passwordHash: 'x' } });
    await fail('known@example.com', 5, t0, '192.0.2.1');
    for (let i = 0; i < 7; i++) await throttle.beginAttempt('known@example.com', `198.51.100.${i}`, at(1000));
    for (let i = 0; i < 10; i++) await throttle.beginAttempt(`spray-${i}@example.com`, '203.0.113.5', at(2000));

    const result = await purgeThrottleRows(db, config, { now: at(config.lockoutMs + config.lockMemoryMs + 1000) });
    expect(result.summaries).toBe(2);
    const events = await db.auditEvent.findMany({ where: { type: 'login.refused' } });
    const described = events.map((e) => ({ userId: e.userId, ipAddress: e.ipAddress, detail: JSON.parse(e.detail!) as { scope: string } }));
    expect(described.sort((a, b) => a.detail.scope.localeCompare(b.detail.scope)).reverse()).toEqual([
      { userId: null, ipAddress: '203.0.113.5', detail: { scope: 'address', refused: 4 } },
      { userId: user.id, ipAddress: null, detail: { scope: 'account', refused: 7 } },
    ]);
    expect(await keys()).toEqual([]);
  });

  it('deletes used pending-login nonces once they have expired', async () => {
    await db.pendingLoginNonce.create({ data: { nonce: 'old', expiresAt: at(MIN) } });
    await db.pendingLoginNonce.create({ data: { nonce: 'live', expiresAt: at(10 * MIN) } });
    expect((await purgeThrottleRows(db, config, { now: at(5 * MIN) })).nonces).toBe(1);
    expect((await db.pendingLoginNonce.findMany()).map((row) => row.nonce)).toEqual(['live']);
  });
});
