// Prisma's better-sqlite3 adapter compiles every statement anew: for the hot
// path's session read that is ~70 µs of SQLite's parser and planner on each
// request, a third of the read (ADR 027). This wraps the adapter factory so its
// connection keeps compiled statements, keyed by their SQL (a bounded LRU), and
// binds each call's parameters at execution instead of for good (better-sqlite3
// binds a statement once, permanently). It also remembers each statement's
// result columns: the adapter asks for them on every query, and better-sqlite3
// builds a fresh object per column natively each time — for the session read's
// 24 columns about a quarter of the read's CPU time (ADR 042). A compiled
// statement's columns do not change: the app's SQL names its result columns
// (Prisma's and the raw queries alike). Nothing else changes: same connection,
// same SQL, same rows. If a Prisma upgrade moves the adapter's connection, the
// wrapper passes the adapter through unchanged (correct, only slower) and
// sqlite-statement-cache.test.ts fails, so the upgrade is noticed.
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';
import { onEachConnection } from './adapter-factory.ts';

/** Distinct statements kept per connection: the app's queries are a few dozen shapes; IN-lists vary. */
export const STATEMENT_CACHE_LIMIT = 256;

type Statement = BetterSqlite3.Statement<unknown[]>;
/** The part of a better-sqlite3 statement the adapter uses once it has bound it (dist/index.mjs, performIO/executeIO). */
type BoundStatement = Pick<Statement, 'reader' | 'columns'> & { raw(): { all(): unknown[] }; run(): BetterSqlite3.RunResult };
type Connection = { prepare(sql: string): BoundStatement & { bind(args: unknown[]): BoundStatement } };

function hasConnection(adapter: unknown): adapter is { client: BetterSqlite3.Database } {
  const client = (adapter as { client?: { prepare?: unknown } }).client;
  return typeof client?.prepare === 'function';
}

/** Replaces `prepare` on this one connection with a cached one. Exported for the test. */
export function cacheStatements(database: BetterSqlite3.Database, limit = STATEMENT_CACHE_LIMIT): Connection {
  const compile = database.prepare.bind(database) as (sql: string) => Statement;
  const statements = new Map<string, Statement>();
  const columnsOf = new WeakMap<Statement, BetterSqlite3.ColumnDefinition[]>();
  const connection = database as unknown as Connection;
  connection.prepare = (sql) => {
    let statement = statements.get(sql);
    if (statement) statements.delete(sql); // re-inserted below: most recent last
    else statement = compile(sql);
    statements.set(sql, statement);
    if (statements.size > limit) statements.delete(statements.keys().next().value as string);
    const compiled = statement;
    const bound = (args: unknown[]): BoundStatement => ({
      reader: compiled.reader,
      columns: () => {
        let columns = columnsOf.get(compiled);
        if (!columns) columnsOf.set(compiled, (columns = compiled.columns()));
        return columns;
      },
      raw: () => ({ all: () => compiled.raw(true).all(...args) }),
      run: () => compiled.run(...args),
    });
    // Used bound (queries) or straight away (the adapter's `prepare("BEGIN").run()`).
    return { ...bound([]), bind: bound };
  };
  return connection;
}

export function withStatementCache(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return onEachConnection(factory, (adapter) => {
    if (hasConnection(adapter)) cacheStatements(adapter.client);
  });
}
