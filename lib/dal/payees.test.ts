// Against a real database (this worker's own SQLite or PostgreSQL), no mocks.
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';
import { addPayee, removePayee } from './payees';

const db = getTestDb();
const actor = { sessionId: 'session-1', ipAddress: '192.0.2.7', userAgent: 'vitest' };
let alice: { id: string };
let bob: { id: string };

beforeEach(async () => {
  await resetTestDb();
  alice = await db.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
  bob = await db.user.create({ data: { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' } });
});

const events = (type: string) => db.auditEvent.findMany({ where: { type }, orderBy: { createdAt: 'asc' } });

describe('addPayee / removePayee', () => {
  it('adding a payee writes it and a security-log event together', async () => {
    const outcome = await addPayee(db, { userId: alice.id, name: 'Weber', iban: 'DE89370400440532013000', actor });
    expect(outcome).toMatchObject({ status: 'added', payee: { name: 'Weber', iban: 'DE89370400440532013000' } });
    const [event] = await events('payee.added');
    expect(event).toMatchObject({ userId: alice.id, sessionId: 'session-1', ipAddress: '192.0.2.7' });
    expect(JSON.parse(event!.detail!)).toEqual({ payeeId: outcome.status === 'added' ? outcome.payee.id : null, name: 'Weber', ibanEnd: '3000' });
  });

  it('the same IBAN twice is refused (and recorded), for one user only', async () => {
    await addPayee(db, { userId: alice.id, name: 'Weber', iban: 'DE89370400440532013000', actor });
    expect(await addPayee(db, { userId: alice.id, name: 'Weber again', iban: 'DE89370400440532013000', actor })).toEqual({ status: 'duplicate' });
    expect((await addPayee(db, { userId: bob.id, name: 'Weber', iban: 'DE89370400440532013000', actor })).status).toBe('added');
    expect(await events('payee.added')).toHaveLength(2);
    expect(await events('payee.change_rejected')).toHaveLength(1);
  });

  it('removing is an event; another user’s payee is "not found", changes nothing, and is recorded', async () => {
    const added = await addPayee(db, { userId: alice.id, name: 'Weber', iban: 'DE89370400440532013000', actor });
    if (added.status !== 'added') throw new Error('not added');
    expect(await removePayee(db, { userId: bob.id, payeeId: added.payee.id, actor })).toEqual({ status: 'not-found' });
    expect(await db.payee.count()).toBe(1);
    expect(await events('payee.change_rejected')).toEqual([expect.objectContaining({ userId: bob.id })]);

    expect(await removePayee(db, { userId: alice.id, payeeId: added.payee.id, actor })).toEqual({ status: 'removed', name: 'Weber' });
    expect(await db.payee.count()).toBe(0);
    expect(await events('payee.removed')).toEqual([expect.objectContaining({ userId: alice.id })]);
  });
});
