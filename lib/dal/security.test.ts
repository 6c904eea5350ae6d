// Session management from the security centre, on a real database.
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { sessionStore } from '@/lib/session';
import { fetchUserSessions, revokeOtherSessions, revokeUserSession } from './security';

const db = getTestDb();
const context = { ipAddress: '127.0.0.1', userAgent: 'vitest' };
let alice: string;
let bob: string;

async function sessionFor(userId: string) {
  return (await sessionStore.createSession(userId, { mfaVerified: false, context })).session.id;
}

beforeEach(async () => {
  await resetTestDb();
  alice = (await db.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } })).id;
  bob = (await db.user.create({ data: { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' } })).id;
});

const isLive = async (id: string) => (await db.session.findUniqueOrThrow({ where: { id } })).revokedAt === null;

describe('security centre sessions', () => {
  it('lists only the user’s live sessions, this device first', async () => {
    const laptop = await sessionFor(alice);
    const phone = await sessionFor(alice);
    await sessionFor(bob);
    const sessions = await fetchUserSessions(alice, phone);
    expect(sessions.map((s) => [s.id, s.isCurrent])).toEqual([
      [phone, true],
      [laptop, false],
    ]);
  });

  it('revokes one of the user’s other sessions, never another user’s, never the current one', async () => {
    const current = await sessionFor(alice);
    const other = await sessionFor(alice);
    const bobs = await sessionFor(bob);
    expect(await revokeUserSession(alice, current, bobs, context)).toBe('not-found');
    expect(await isLive(bobs)).toBe(true);
    expect(await revokeUserSession(alice, current, current, context)).toBe('current');
    expect(await isLive(current)).toBe(true);
    expect(await revokeUserSession(alice, current, other, context)).toBe('revoked');
    expect(await isLive(other)).toBe(false);
    expect(await revokeUserSession(alice, current, other, context)).toBe('not-found');
  });

  it('signs out all other sessions of the user only', async () => {
    const current = await sessionFor(alice);
    await sessionFor(alice);
    await sessionFor(alice);
    const bobs = await sessionFor(bob);
    expect(await revokeOtherSessions(alice, current, context)).toBe(2);
    expect((await fetchUserSessions(alice, current)).map((s) => s.id)).toEqual([current]);
    expect(await isLive(bobs)).toBe(true);
  });
});
