// Builds a Prisma client for whichever provider DATABASE_URL names. Framework-free
// so the seed, scripts and tests share it; the app imports the singleton in lib/db.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../../prisma/generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../../prisma/generated/postgresql/client.ts';
import { resolveDatabase, sqliteFilePath } from './url.ts';

// Both clients are generated from the same model (prisma/models.prisma), so their
// APIs are identical; the SQLite one's type stands for both.
export type Db = InstanceType<typeof SqliteClient>;

export type DbClientOptions = {
  /** PostgreSQL: a pooled connection died (server stopped, restarted, network gone). */
  onConnectionLost?: (error: Error) => void;
};

export function createDbClient(databaseUrl: string | undefined, options: DbClientOptions = {}): Db {
  const target = resolveDatabase(databaseUrl);
  if (target.provider === 'postgresql') {
    const onError = (error: Error) => options.onConnectionLost?.(error);
    const adapter = new PrismaPg({ connectionString: target.url, max: 10 }, { onPoolError: onError, onConnectionError: onError });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  // better-sqlite3 waits up to `timeout` ms on a locked database instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(target.url), timeout: 5000 });
  return new SqliteClient({ adapter });
}
