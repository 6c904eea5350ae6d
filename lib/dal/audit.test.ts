// The audit log is append-only: its events outlive the user they are about.
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { recordAuditEvent } from './audit';

const db = getTestDb();

beforeEach(resetTestDb);

describe('audit events', () => {
  it('stay, with their userId, when the user is deleted', async () => {
    const user = await db.user.create({ data: { email: 'leaver@example.com', name: 'Leaver', passwordHash: 'x' } });
    const other = await db.user.create({ data: { email: 'stayer@example.com', name: 'Stayer', passwordHash: 'x' } });
    await recordAuditEvent(db, { type: 'login.success', userId: user.id, ipAddress: '192.0.2.1', detail: { method: 'password' } });
    await recordAuditEvent(db, { type: 'logout', userId: user.id });
    await recordAuditEvent(db, { type: 'login.success', userId: other.id });
    const before = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });

    await db.user.delete({ where: { id: user.id } });

    expect(await db.user.findUnique({ where: { id: user.id } })).toBeNull();
    expect(await db.auditEvent.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { userId: user.id } })).toBe(2);
  });

  it('can name a user id that has no row (an event recorded after the user was deleted)', async () => {
    await recordAuditEvent(db, { type: 'login.failure', userId: 'deleted-user-id' });
    expect(await db.auditEvent.count({ where: { userId: 'deleted-user-id' } })).toBe(1);
  });
});
