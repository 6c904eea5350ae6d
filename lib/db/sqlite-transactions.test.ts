// A transaction that rolls back must take only its own writes with it. On
// SQLite the app has one connection, so without isolation a write another
// request makes while a transaction is open runs inside it — and is undone by
// its rollback (a revocation or an audit event lost because a transfer failed).
import { beforeEach, describe, expect, it } from 'vitest';
import { getTestDb, resetTestDb } from '@/test/db';

const db = getTestDb();
beforeEach(resetTestDb);

const event = (type: string) => ({ type, userId: null, sessionId: null, ipAddress: null, userAgent: null, detail: null });

/** A transaction that writes a row, stays open 100 ms, then throws: `open` once it has written, `failing` its error message. */
function openFailingTransaction(): { open: Promise<void>; failing: Promise<string> } {
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const failing = db
    .$transaction(async (tx) => {
      await tx.auditEvent.create({ data: event('inside.rolled_back') });
      opened();
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error('refused');
    })
    .catch((error: Error) => error.message);
  return { open, failing };
}

describe('transactions on the one connection', () => {
  it('a rollback keeps the writes other requests made while it was open', async () => {
    const { open, failing } = openFailingTransaction();
    await open;
    // Another request's write, while the transaction is open.
    await db.auditEvent.create({ data: event('outside.kept') });
    expect(await failing).toBe('refused');
    const types = (await db.auditEvent.findMany({ select: { type: true } })).map((row) => row.type);
    expect(types).toEqual(['outside.kept']);
  });

  it('a read made while a transaction is open never sees the writes it then rolls back', async () => {
    const { open, failing } = openFailingTransaction();
    await open;
    expect(await db.auditEvent.count()).toBe(0);
    await failing;
  });
});
