import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { resolveDatabase } from '../config/database-url';
import { findSessionWithOwner } from './session-read';

const db = getTestDb();
beforeEach(async () => {
  await resetTestDb();
});

describe('findSessionWithOwner (the raw one-statement read)', () => {
  it('returns exactly the row findUnique returns — every column, with its type — and the owner’s display fields', async () => {
    const totpEnabledAt = new Date('2026-01-01T08:00:00.123Z');
    const user = await db.user.create({ data: { email: 'raw@example.com', name: 'Raw Read', passwordHash: 'x', totpEnabledAt } });
    await db.session.create({
      data: {
        id: 'raw-read-session-0001',
        secretHash: 'h1',
        previousSecretHash: 'h0',
        secretConfirmedAt: new Date('2026-01-01T09:00:00.456Z'),
        generation: 3,
        userId: user.id,
        mfaVerified: true,
        ipAddress: '192.0.2.1',
        userAgent: 'vitest',
        revokedAt: new Date('2026-01-01T10:00:00.789Z'),
        revokedReason: 'logout',
      },
    });
    const loaded = await findSessionWithOwner(db, 'raw-read-session-0001');
    expect(loaded?.session).toStrictEqual(await db.session.findUniqueOrThrow({ where: { id: 'raw-read-session-0001' } }));
    expect(loaded?.owner).toEqual({ id: user.id, email: 'raw@example.com', name: 'Raw Read', totpEnabledAt, hasPasskey: false, disabledAt: null });
  });

  it('says whether the owner has a passkey (a second factor, like TOTP) in the same statement', async () => {
    const user = await db.user.create({ data: { email: 'keyed@example.com', name: 'Keyed', passwordHash: 'x' } });
    await db.session.create({ data: { id: 'raw-read-session-0002', secretHash: 'h', userId: user.id } });
    expect((await findSessionWithOwner(db, 'raw-read-session-0002'))?.owner.hasPasskey).toBe(false);
    await db.passkey.create({ data: { id: 'cred-1', userId: user.id, publicKey: 'pk', deviceType: 'singleDevice', name: 'Laptop' } });
    expect((await findSessionWithOwner(db, 'raw-read-session-0002'))?.owner.hasPasskey).toBe(true);
    // A suspended (cloned) passkey is no second factor (ADR 032).
    await db.passkey.update({ where: { id: 'cred-1' }, data: { suspendedAt: new Date() } });
    expect((await findSessionWithOwner(db, 'raw-read-session-0002'))?.owner.hasPasskey).toBe(false);
  });

  it('returns null for an unknown id, and binds the id as a parameter (a quote in it is just a character)', async () => {
    expect(await findSessionWithOwner(db, 'no-such-session')).toBeNull();
    expect(await findSessionWithOwner(db, `x' OR '1'='1`)).toBeNull();
  });
});

describe.runIf(resolveDatabase(process.env.DATABASE_URL).provider === 'postgresql')('on PostgreSQL: a statement planned once per connection', () => {
  async function createSessionRow(id: string) {
    const user = await db.user.create({ data: { email: `${id}@example.com`, name: 'Prepared', passwordHash: 'x' } });
    await db.session.create({ data: { id, secretHash: 'h', userId: user.id } });
  }

  it('is a named prepared statement on the connection that ran it', async () => {
    await createSessionRow('prepared-session-0001');
    // Sequential queries reuse the pool's most recently released connection.
    for (let i = 0; i < 3; i++) expect(await findSessionWithOwner(db, 'prepared-session-0001')).not.toBeNull();
    const prepared = await db.$queryRaw<{ name: string }[]>`SELECT name FROM pg_prepared_statements`;
    expect(prepared.map((row) => row.name)).toContainEqual(expect.stringMatching(/^session_read_[0-9a-f]{12}$/));
  });

  it('keeps working when a migration adds a Session column while it is prepared (no "cached plan must not change result type")', async () => {
    await createSessionRow('prepared-session-0002');
    for (let i = 0; i < 3; i++) await findSessionWithOwner(db, 'prepared-session-0002');
    await db.$executeRawUnsafe('ALTER TABLE "Session" ADD COLUMN "addedByMigration" TEXT');
    try {
      for (let i = 0; i < 3; i++) expect((await findSessionWithOwner(db, 'prepared-session-0002'))?.session.id).toBe('prepared-session-0002');
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "Session" DROP COLUMN "addedByMigration"');
    }
  });
});
