// SQLite gives the app one connection. Prisma's better-sqlite3 adapter runs a
// transaction on it between BEGIN and COMMIT/ROLLBACK and makes other
// transactions wait, but not plain queries: a write another request makes
// while a transaction is open runs inside it — undone if it rolls back (a
// refused transfer would take a revocation or an audit event with it) — and a
// read sees its uncommitted rows. Here every query outside a transaction waits
// until the open one has ended, as it would on a database with a connection per
// request. Queries inside the transaction go through its own object, never here.
// PostgreSQL (a pool, a connection per transaction) needs none of this.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { onEachConnection } from './adapter-factory.ts';

/** Makes `adapter`'s own queries wait for its open transaction; returns it. */
export function isolateTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let open: Promise<void> | null = null;
  const idle = async () => {
    while (open) await open;
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);

  adapter.startTransaction = async (isolationLevel) => {
    await idle();
    let end!: () => void;
    open = new Promise<void>((resolve) => (end = resolve));
    const finish = () => {
      open = null;
      end();
    };
    let transaction: Transaction;
    try {
      transaction = await startTransaction(isolationLevel);
    } catch (error) {
      finish();
      throw error;
    }
    const commit = transaction.commit.bind(transaction);
    const rollback = transaction.rollback.bind(transaction);
    transaction.commit = () => commit().finally(finish);
    transaction.rollback = () => rollback().finally(finish);
    return transaction;
  };
  adapter.queryRaw = async (query) => {
    if (open) await idle();
    return queryRaw(query);
  };
  adapter.executeRaw = async (query) => {
    if (open) await idle();
    return executeRaw(query);
  };
  return adapter;
}

export function withIsolatedTransactions(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return onEachConnection(factory, isolateTransactions);
}
