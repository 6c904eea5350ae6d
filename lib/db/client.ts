// Builds a Prisma client for whichever provider DATABASE_URL names. Framework-free
// so the seed, scripts and tests share it; the app imports the singleton in lib/db.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../../prisma/generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../../prisma/generated/postgresql/client.ts';
import { preparedStatementName } from './prepared-statements.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';
import { withIsolatedTransactions } from './sqlite-transactions.ts';
import { resolveDatabase, sqliteFilePath } from '../config/database-url.ts';

// Both clients are generated from the same model (prisma/models.prisma), so their
// APIs are identical; the SQLite one's type stands for both.
export type Db = InstanceType<typeof SqliteClient>;
// Likewise its row types and Prisma namespace (query types; Prisma.sql/raw build
// provider-neutral SQL): the rest of the code imports them from here, never from a generated client.
export { Prisma, type Session } from '../../prisma/generated/sqlite/client.ts';

export type DbClientOptions = {
  /** PostgreSQL: a pooled connection died (server stopped, restarted, network gone). */
  onConnectionLost?: (error: Error) => void;
  /** Called with every SQL statement the client sends (Prisma's query events): for counting them in tests and benchmarks. */
  onQuery?: (sql: string) => void;
  /**
   * Prisma's default follows NODE_ENV when the client is built: "minimal" in
   * production, otherwise a call site captured (`new Error()`) on every query for
   * nicer messages. Benchmarks built outside Next pass "minimal" to cost what the app does.
   */
  errorFormat?: 'minimal' | 'colorless';
};

export function createDbClient(databaseUrl: string | undefined, options: DbClientOptions = {}): Db {
  const target = resolveDatabase(databaseUrl);
  const log = options.onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  let client: Db;
  if (target.provider === 'postgresql') {
    const onError = (error: Error) => options.onConnectionLost?.(error);
    // Statements marked `/* prepare: name */` are planned once per connection (prepared-statements.ts, ADR 027);
    // for the rest the name is undefined — unnamed, as without a generator (adapter-pg hands it to pg as is).
    const adapter = new PrismaPg(
      { connectionString: target.url, max: 10 },
      { onPoolError: onError, onConnectionError: onError, statementNameGenerator: (query) => preparedStatementName(query.sql) as string },
    );
    client = new PostgresClient({ adapter, log, errorFormat: options.errorFormat }) as unknown as Db;
  } else {
    // better-sqlite3 waits up to `timeout` ms on a locked database instead of failing;
    // compiled statements are kept (sqlite-statement-cache.ts, ADR 027); queries
    // outside a transaction wait for the open one (sqlite-transactions.ts).
    const adapter = withIsolatedTransactions(withStatementCache(new PrismaBetterSqlite3({ url: sqliteFilePath(target.url), timeout: 5000 })));
    client = new SqliteClient({ adapter, log, errorFormat: options.errorFormat });
  }
  const onQuery = options.onQuery;
  if (onQuery) (client as unknown as { $on: (event: 'query', cb: (e: { query: string }) => void) => void }).$on('query', (e) => onQuery(e.query));
  return client;
}
