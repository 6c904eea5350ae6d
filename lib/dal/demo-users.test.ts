// The login page's demo hint: shown only where the seeded demo users exist, and
// never when the server was launched in production — even on a database that
// has them (the production smoke seeds them: tools/production-smoke.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { DEMO_PASSWORD } from '@/prisma/seed/demo-users';
import { DEMO_USERS_CACHE_MS, demoLoginHint, demoUsersExist, forgetDemoUsers } from './demo-users';

const db = getTestDb();

beforeEach(async () => {
  await resetTestDb();
  forgetDemoUsers();
});

describe('demoLoginHint', () => {
  it('is absent when no demo user exists, even with other users', async () => {
    await db.user.create({ data: { email: 'carol@example.com', name: 'Carol', passwordHash: 'x' } });
    expect(await demoLoginHint('development')).toBeNull();
  });

  it('names the demo logins and their password where a demo user exists', async () => {
    await db.user.create({ data: { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' } });
    const hint = await demoLoginHint('development');
    expect(hint).toContain('alice@example.com');
    expect(hint).toContain(DEMO_PASSWORD);
  });

  it('is absent in production, where the demo users exist too', async () => {
    await db.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
    expect(await demoLoginHint('development')).not.toBeNull();
    expect(await demoLoginHint('production')).toBeNull();
  });

  it('caches the answer for a minute, then reads again (deleted demo users lose the hint)', async () => {
    const alice = await db.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
    const t0 = Date.now();
    expect(await demoUsersExist(t0)).toBe(true);
    await db.user.delete({ where: { id: alice.id } });
    expect(await demoUsersExist(t0 + DEMO_USERS_CACHE_MS - 1)).toBe(true);
    expect(await demoUsersExist(t0 + DEMO_USERS_CACHE_MS)).toBe(false);
  });
});
